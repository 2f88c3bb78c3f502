using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ChannelManager.Events;

namespace ChannelManager.Storage.Tests;

/// <summary>
/// Wraps the real bus: counts what was published and what the consumer acknowledged, per event id, and can refuse
/// the next publishes (a fault injector standing in for an unreachable Redis).
/// </summary>
internal sealed class RecordingEventBus(IEventBus inner) : IEventBus
{
    private int _failuresLeft;

    public ConcurrentDictionary<Guid, int> Published { get; } = new();

    public ConcurrentDictionary<Guid, int> Acknowledged { get; } = new();

    public ConcurrentQueue<Guid> PublishOrder { get; } = new();

    public int RefusedPublishes;

    /// <summary>How long each publish takes (a slow bus keeps the relay busy).</summary>
    public TimeSpan PublishDelay { get; set; }

    public void FailNext(int publishes) => Interlocked.Exchange(ref _failuresLeft, publishes);

    public async ValueTask PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Interlocked.Increment(ref RefusedPublishes);
            throw new InvalidOperationException("The bus is down (injected fault).");
        }

        if (PublishDelay > TimeSpan.Zero)
        {
            await Task.Delay(PublishDelay, cancellationToken);
        }

        await inner.PublishAsync(envelope, cancellationToken);
        Published.AddOrUpdate(envelope.EventId, 1, (_, n) => n + 1);
        PublishOrder.Enqueue(envelope.EventId);
    }

    public async IAsyncEnumerable<EventDelivery> ConsumeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var delivery in inner.ConsumeAsync(cancellationToken))
        {
            yield return new Recorded(delivery, this);
        }
    }

    private sealed class Recorded(EventDelivery inner, RecordingEventBus bus) : EventDelivery
    {
        public override EventEnvelope Envelope => inner.Envelope;

        public override int DeliveryCount => inner.DeliveryCount;

        public override async ValueTask AcknowledgeAsync(CancellationToken cancellationToken = default)
        {
            await inner.AcknowledgeAsync(cancellationToken);
            bus.Acknowledged.AddOrUpdate(inner.Envelope.EventId, 1, (_, n) => n + 1);
        }

        public override ValueTask FailAsync(Exception error, CancellationToken cancellationToken = default) => inner.FailAsync(error, cancellationToken);
    }
}
