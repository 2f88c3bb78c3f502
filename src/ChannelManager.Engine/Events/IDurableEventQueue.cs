using ChannelManager.Events;

namespace ChannelManager.Engine.Events;

/// <summary>
/// A durable queue in front of the bus (the PostgreSQL outbox when configured). When one is registered,
/// <see cref="EventService"/> enqueues there and a relay moves events onto the bus, so an event accepted by
/// <see cref="EventService"/> survives a bus outage or a bus that loses data.
/// </summary>
internal interface IDurableEventQueue
{
    /// <summary>Stores the event durably (its own transaction).</summary>
    Task EnqueueAsync(EventEnvelope envelope, CancellationToken cancellationToken = default);
}
