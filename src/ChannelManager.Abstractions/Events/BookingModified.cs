namespace ChannelManager.Events;

/// <summary>
/// <c>booking.modified</c>: the booking's stay is now <see cref="BookingEvent.CheckIn"/>–<see cref="BookingEvent.CheckOut"/>;
/// the old nights are released and the new ones closed, as one change.
/// </summary>
public sealed record BookingModified : BookingEvent
{
    /// <inheritdoc />
    public override string EventType => EventTypes.BookingModified;
}
