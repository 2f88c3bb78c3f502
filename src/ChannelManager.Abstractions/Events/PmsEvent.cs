using System.Text.Json.Serialization;

namespace ChannelManager.Events;

/// <summary>The payload of a PMS event; one subtype per <see cref="EventTypes">event type</see>.</summary>
public abstract record PmsEvent
{
    /// <summary>The event type this payload belongs to (carried by the envelope's <c>type</c>, not in the payload).</summary>
    [JsonIgnore]
    public abstract string EventType { get; }
}
