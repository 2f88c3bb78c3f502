namespace ChannelManager.Simulator.State;

/// <summary>
/// The state of one night of one listing on a simulated platform, as the platform holds it.
/// A night nobody has touched yet has no <see cref="SimulatedDay"/> (the platform's default: available, no price).
/// </summary>
public sealed record SimulatedDay
{
    /// <summary>The night.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Whether the night can be booked (<c>available</c>) or not (<c>unavailable</c>).</summary>
    public bool IsAvailable { get; init; } = true;

    /// <summary>The nightly price, when one was set.</summary>
    public decimal? DailyPrice { get; init; }

    /// <summary>How many units are for sale, when set.</summary>
    public int? AvailableCount { get; init; }

    /// <summary>Minimum stay for an arrival on this night, when set.</summary>
    public int? MinNights { get; init; }

    /// <summary>Maximum stay for an arrival on this night, when set.</summary>
    public int? MaxNights { get; init; }

    /// <summary>No arrivals on this night.</summary>
    public bool ClosedToArrival { get; init; }

    /// <summary>No departures on this night.</summary>
    public bool ClosedToDeparture { get; init; }

    /// <summary>Why an unavailable night is blocked (<c>BLOCKED_BY_HOST</c>, <c>OUTSIDE_RESERVATION</c>); <see langword="null"/> for a reserved or available night.</summary>
    public string? BusySubtype { get; init; }

    /// <summary>Free-text notes of the night.</summary>
    public string? Notes { get; init; }

    /// <summary>The confirmation code of the reservation that holds the night, if any.</summary>
    public string? ReservationCode { get; init; }

    /// <summary>An untouched night: available, nothing else set.</summary>
    /// <param name="date">The night.</param>
    /// <returns>The default state.</returns>
    public static SimulatedDay Default(DateOnly date) => new() { Date = date };
}
