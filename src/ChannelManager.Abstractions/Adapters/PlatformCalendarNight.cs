namespace ChannelManager.Adapters;

/// <summary>
/// One night of a listing's calendar as the platform holds it, read back for reconciliation. Availability, units and
/// the closed-to flags are <see langword="null"/> when the platform does not report them (then they are not compared);
/// rate and stay limits are <see langword="null"/> when the platform holds none (then they differ from a ledger that
/// sets one). A night the platform does not report at all is not compared.
/// </summary>
public sealed record PlatformCalendarNight
{
    /// <summary>The night.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Whether a guest can book the night.</summary>
    public bool? IsBookable { get; init; }

    /// <summary>Units the platform may still sell.</summary>
    public int? AvailableUnits { get; init; }

    /// <summary>The nightly rate.</summary>
    public decimal? Rate { get; init; }

    /// <summary>Minimum stay for arrivals on the night.</summary>
    public int? MinStay { get; init; }

    /// <summary>Maximum stay.</summary>
    public int? MaxStay { get; init; }

    /// <summary>Closed to arrival.</summary>
    public bool? ClosedToArrival { get; init; }

    /// <summary>Closed to departure.</summary>
    public bool? ClosedToDeparture { get; init; }
}
