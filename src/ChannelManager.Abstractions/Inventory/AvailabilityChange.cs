namespace ChannelManager.Inventory;

/// <summary>A change of availability and restrictions over a range; only the fields that are set change.</summary>
public sealed record AvailabilityChange
{
    /// <summary>The property's total units on these nights.</summary>
    public int? TotalUnits { get; init; }

    /// <summary>Stop-sell on or off.</summary>
    public bool? StopSell { get; init; }

    /// <summary>Minimum stay.</summary>
    public int? MinStay { get; init; }

    /// <summary>Maximum stay.</summary>
    public int? MaxStay { get; init; }

    /// <summary>Closed to arrival on or off.</summary>
    public bool? ClosedToArrival { get; init; }

    /// <summary>Closed to departure on or off.</summary>
    public bool? ClosedToDeparture { get; init; }
}
