namespace ChannelManager.Events;

/// <summary>
/// One delivery of an event to a consumer. The consumer acknowledges it after handling, or reports a failure so
/// the bus redelivers it (and dead-letters it after too many deliveries).
/// </summary>
public abstract class EventDelivery
{
    /// <summary>The event.</summary>
    public abstract EventEnvelope Envelope { get; }

    /// <summary>How many times this event has been delivered, this delivery included (1 for the first).</summary>
    public abstract int DeliveryCount { get; }

    /// <summary>Acknowledges the event: it was handled and will not be delivered again.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the bus recorded the acknowledgement.</returns>
    public abstract ValueTask AcknowledgeAsync(CancellationToken cancellationToken = default);

    /// <summary>Reports that handling failed; the bus redelivers the event later or dead-letters it.</summary>
    /// <param name="error">Why handling failed (recorded with a dead letter).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the bus recorded the failure.</returns>
    public abstract ValueTask FailAsync(Exception error, CancellationToken cancellationToken = default);
}
