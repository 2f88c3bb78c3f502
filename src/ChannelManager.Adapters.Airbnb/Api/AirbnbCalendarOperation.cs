namespace ChannelManager.Adapters.Airbnb.Api;

/// <summary>One entry of <c>operations</c>: the same state for every date range in <see cref="Dates"/>. Unset fields are not sent.</summary>
internal sealed record AirbnbCalendarOperation
{
    /// <summary><c>YYYY-MM-DD</c> or <c>YYYY-MM-DD:YYYY-MM-DD</c>, both ends inclusive.</summary>
    public required IReadOnlyList<string> Dates { get; init; }

    /// <summary><c>available</c> or <c>unavailable</c>.</summary>
    public string? Availability { get; init; }

    /// <summary><c>BLOCKED_BY_HOST</c> for nights closed by the PMS.</summary>
    public string? BusySubtype { get; init; }

    public decimal? DailyPrice { get; init; }

    public int? AvailableCount { get; init; }

    public int? MinNights { get; init; }

    public int? MaxNights { get; init; }

    public bool? ClosedToArrival { get; init; }

    public bool? ClosedToDeparture { get; init; }
}
