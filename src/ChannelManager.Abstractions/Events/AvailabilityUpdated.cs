namespace ChannelManager.Events;

/// <summary>
/// <c>availability.updated</c>: availability and restrictions from <see cref="From"/> to <see cref="To"/> (exclusive);
/// only the fields that are set change.
/// </summary>
public sealed record AvailabilityUpdated : PmsEvent
{
    /// <inheritdoc />
    public override string EventType => EventTypes.AvailabilityUpdated;

    /// <summary>The first night.</summary>
    public required DateOnly From { get; init; }

    /// <summary>The day after the last night (exclusive).</summary>
    public required DateOnly To { get; init; }

    /// <summary>The property's total units on these nights.</summary>
    public int? TotalUnits { get; init; }

    /// <summary>Stop-sell (closed for any booking) on or off.</summary>
    public bool? StopSell { get; init; }

    /// <summary>Minimum stay for a stay arriving on the night ("min stay on arrival").</summary>
    public int? MinStay { get; init; }

    /// <summary>Minimum stay for any stay that includes the night ("min stay through").</summary>
    public int? MinStayThrough { get; init; }

    /// <summary>Only the nights of the range on these days of the week (e.g. <c>["friday", "saturday"]</c>); absent for every night.</summary>
    public IReadOnlyList<DayOfWeek>? Weekdays { get; init; }

    /// <summary>Maximum stay.</summary>
    public int? MaxStay { get; init; }

    /// <summary>Closed to arrival.</summary>
    public bool? ClosedToArrival { get; init; }

    /// <summary>Closed to departure.</summary>
    public bool? ClosedToDeparture { get; init; }
}
