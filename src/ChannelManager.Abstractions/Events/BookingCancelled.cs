namespace ChannelManager.Events;

/// <summary><c>booking.cancelled</c>: the nights are released on every other channel.</summary>
public sealed record BookingCancelled : BookingEvent
{
    /// <inheritdoc />
    public override string EventType => EventTypes.BookingCancelled;
}
