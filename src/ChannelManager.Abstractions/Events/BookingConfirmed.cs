namespace ChannelManager.Events;

/// <summary><c>booking.confirmed</c>: the nights are sold and must be closed on every other channel.</summary>
public sealed record BookingConfirmed : BookingEvent
{
    /// <inheritdoc />
    public override string EventType => EventTypes.BookingConfirmed;
}
