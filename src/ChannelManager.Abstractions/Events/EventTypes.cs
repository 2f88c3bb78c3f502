namespace ChannelManager.Events;

/// <summary>The five PMS event types ChannelManager consumes.</summary>
public static class EventTypes
{
    /// <summary>A booking was confirmed: close its nights on every other channel.</summary>
    public const string BookingConfirmed = "booking.confirmed";

    /// <summary>A booking was cancelled: release its nights on every other channel.</summary>
    public const string BookingCancelled = "booking.cancelled";

    /// <summary>A booking's stay changed: release the old nights and close the new ones.</summary>
    public const string BookingModified = "booking.modified";

    /// <summary>Nightly rates changed.</summary>
    public const string PricingUpdated = "pricing.updated";

    /// <summary>Availability or restrictions changed.</summary>
    public const string AvailabilityUpdated = "availability.updated";

    /// <summary>All five types.</summary>
    public static IReadOnlyList<string> All { get; } =
        [BookingConfirmed, BookingCancelled, BookingModified, PricingUpdated, AvailabilityUpdated];
}
