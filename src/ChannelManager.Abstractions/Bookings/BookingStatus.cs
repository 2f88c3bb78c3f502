namespace ChannelManager.Bookings;

/// <summary>The state of a booking.</summary>
public enum BookingStatus
{
    /// <summary>Confirmed: the nights are sold.</summary>
    Confirmed = 1,

    /// <summary>Cancelled: the nights are released.</summary>
    Cancelled = 2,
}
