namespace ChannelManager.Inventory;

/// <summary>
/// A change of availability and restrictions over a range; only the fields that are set change, each on its own
/// (a stop-sell change leaves closed-to-arrival alone). Every field of every night remembers the version that last
/// set it: a change whose <see cref="Version"/> is older than that leaves the field alone, so stale and reordered
/// updates change nothing.
/// </summary>
public sealed record AvailabilityChange
{
    /// <summary>The property's total units on these nights.</summary>
    public int? TotalUnits { get; init; }

    /// <summary>Stop-sell on or off.</summary>
    public bool? StopSell { get; init; }

    /// <summary>Minimum stay for a stay arriving on the night.</summary>
    public int? MinStay { get; init; }

    /// <summary>Minimum stay for any stay that includes the night.</summary>
    public int? MinStayThrough { get; init; }

    /// <summary>Maximum stay.</summary>
    public int? MaxStay { get; init; }

    /// <summary>Closed to arrival on or off.</summary>
    public bool? ClosedToArrival { get; init; }

    /// <summary>Closed to departure on or off.</summary>
    public bool? ClosedToDeparture { get; init; }

    /// <summary>Only the nights on these days of the week; <see langword="null"/> for every night of the range.</summary>
    public IReadOnlyCollection<DayOfWeek>? Weekdays { get; init; }

    /// <summary>The change's version (newer wins per field and night; equal versions apply in arrival order); 0 for unversioned.</summary>
    public long Version { get; init; }

    /// <summary>Whether the change sets no field at all.</summary>
    public bool IsEmpty => TotalUnits is null && StopSell is null && MinStay is null && MinStayThrough is null && MaxStay is null && ClosedToArrival is null && ClosedToDeparture is null;
}
