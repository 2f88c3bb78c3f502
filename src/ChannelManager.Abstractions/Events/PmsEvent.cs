namespace ChannelManager.Events;

/// <summary>The payload of a PMS event; one subtype per <see cref="EventTypes">event type</see>.</summary>
public abstract record PmsEvent
{
    /// <summary>The event type this payload belongs to.</summary>
    public abstract string EventType { get; }
}
