using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Engine.Sync;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Events.InProcess;

/// <summary>
/// The embedded-default bus: a bounded <see cref="Channel{T}"/> in this process (publishers wait when it is full).
/// A failed delivery is redelivered after a growing delay; after <see cref="ChannelManagerOptions.MaxEventDeliveries"/>
/// it becomes a dead letter that can be listed and replayed. Events live only as long as the process: use Redis
/// Streams (with the PostgreSQL outbox) when a crash must lose nothing.
/// </summary>
internal sealed class InProcessEventBus : IEventBus, IDeadLetterQueue, IDeadLetterCounter
{
    private readonly Channel<Delivery> _channel;
    private readonly ConcurrentDictionary<string, DeadLetter> _deadLetters = new(StringComparer.Ordinal);
    private readonly ChannelManagerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<InProcessEventBus> _logger;
    private readonly SyncActivityNotifier _activity;

    public InProcessEventBus(IOptions<ChannelManagerOptions> options, TimeProvider time, ILogger<InProcessEventBus> logger, SyncActivityNotifier? activity = null)
    {
        _activity = activity ?? SyncActivityNotifier.None;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _channel = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(_options.EventBusCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public ValueTask PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var delivery = new Delivery(this, EventTraceContext.Stamp(envelope), 1);
        return _channel.Writer.TryWrite(delivery) ? ValueTask.CompletedTask : _channel.Writer.WriteAsync(delivery, cancellationToken);
    }

    public async IAsyncEnumerable<EventDelivery> ConsumeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var delivery))
            {
                yield return delivery;
            }
        }
    }

    public Task<IReadOnlyList<DeadLetter>> ListAsync(int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DeadLetter>>(_deadLetters.Values.OrderBy(d => d.DeadLetteredAt).Take(max).ToList());

    public Task<long> CountDeadLettersAsync(CancellationToken cancellationToken) => Task.FromResult((long)_deadLetters.Count);

    public async Task<bool> ReplayAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!_deadLetters.TryRemove(id, out var dead))
        {
            return false;
        }

        await PublishAsync(dead.Envelope, cancellationToken).ConfigureAwait(false);
        await _activity.DeadLetterReplayedAsync(dead, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private void Redeliver(Delivery failed, Exception error)
    {
        if (failed.DeliveryCount >= _options.MaxEventDeliveries)
        {
            var id = failed.Envelope.EventId.ToString("N");
            var letter = new DeadLetter(id, failed.Envelope, failed.DeliveryCount, error.Message, _time.GetUtcNow());
            _deadLetters[id] = letter;
            _logger.LogError(error, "Event {EventId} ({Type}) dead-lettered after {Deliveries} deliveries", failed.Envelope.EventId, failed.Envelope.Type, failed.DeliveryCount);
            if (_activity.HasObservers)
            {
                _ = _activity.DeadLetteredAsync(letter, CancellationToken.None); // observers are logged and skipped when they fail
            }
            return;
        }

        var delay = _options.EventRedeliveryDelay * Math.Pow(2, failed.DeliveryCount - 1);
        _logger.LogWarning(error, "Event {EventId} ({Type}) failed on delivery {Delivery}; redelivering in {Delay}", failed.Envelope.EventId, failed.Envelope.Type, failed.DeliveryCount, delay);
        var next = new Delivery(this, failed.Envelope, failed.DeliveryCount + 1);
        _ = RedeliverLaterAsync(next, delay);
    }

    private async Task RedeliverLaterAsync(Delivery next, TimeSpan delay)
    {
        await Task.Delay(delay, _time).ConfigureAwait(false);
        await _channel.Writer.WriteAsync(next).ConfigureAwait(false);
    }

    private sealed class Delivery(InProcessEventBus bus, EventEnvelope envelope, int deliveryCount) : EventDelivery
    {
        private int _settled;

        public override EventEnvelope Envelope => envelope;

        public override int DeliveryCount => deliveryCount;

        public override ValueTask AcknowledgeAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Exchange(ref _settled, 1);
            return ValueTask.CompletedTask;
        }

        public override ValueTask FailAsync(Exception error, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0)
            {
                bus.Redeliver(this, error);
            }

            return ValueTask.CompletedTask;
        }
    }
}
