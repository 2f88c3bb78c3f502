namespace ChannelManager.Events;

/// <summary>
/// Carries PMS events from publishers to the sync engine with at-least-once delivery.
/// The in-process bus is the embedded default; Redis Streams is the production transport.
/// </summary>
public interface IEventBus
{
    /// <summary>Publishes an event. When the returned task completes the event is accepted by the bus.</summary>
    /// <param name="envelope">The event.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the bus accepted the event.</returns>
    ValueTask PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken = default);

    /// <summary>Streams deliveries to one consumer until cancelled. Each delivery must be acknowledged or failed.</summary>
    /// <param name="cancellationToken">Stops consuming.</param>
    /// <returns>The deliveries.</returns>
    IAsyncEnumerable<EventDelivery> ConsumeAsync(CancellationToken cancellationToken);
}
