namespace ChannelManager.Inventory;

/// <summary>
/// The full availability, rate and restriction state of one property for one night, as the ledger holds it and as
/// it is pushed to platforms (state, never a delta).
/// </summary>
public sealed record AriDay
{
    /// <summary>The night.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>How many units the property has in all (1 for a holiday home).</summary>
    public int TotalUnits { get; init; } = 1;

    /// <summary>How many units are still free to sell.</summary>
    public required int AvailableUnits { get; init; }

    /// <summary>Stop-sell: closed to any booking regardless of free units.</summary>
    public bool StopSell { get; init; }

    /// <summary>The nightly rate, when one is set.</summary>
    public decimal? Rate { get; init; }

    /// <summary>The ISO 4217 currency of <see cref="Rate"/>.</summary>
    public string? Currency { get; init; }

    /// <summary>Minimum stay (nights) for an arrival on this night.</summary>
    public int? MinStay { get; init; }

    /// <summary>Maximum stay (nights) for an arrival on this night.</summary>
    public int? MaxStay { get; init; }

    /// <summary>Minimum stay for any stay that includes the night (<see cref="MinStay"/> applies to arrivals on it).</summary>
    public int? MinStayThrough { get; init; }

    /// <summary>No arrivals on this night.</summary>
    public bool ClosedToArrival { get; init; }

    /// <summary>No departures on this night.</summary>
    public bool ClosedToDeparture { get; init; }

    /// <summary>Whether a guest can book this night anywhere.</summary>
    public bool IsBookable => !StopSell && AvailableUnits > 0;

    /// <summary>Whether two days carry the same state apart from the date (so they can share one platform range).</summary>
    /// <param name="other">The other day.</param>
    /// <returns><see langword="true"/> when everything but the date is equal.</returns>
    public bool SameStateAs(AriDay other) => this with { Date = other.Date } == other;
}
