using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Engine.Sync;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChannelManager.Engine.Transport.RedisStreams;

/// <summary>
/// The production bus: one Redis stream, read by a consumer group shared by every channel-manager process.
/// </summary>
/// <remarks>
/// <para><b>Publishing.</b> <see cref="PublishAsync"/> appends the envelope (<c>XADD</c>; fields <c>envelope</c>,
/// <c>event_id</c>, <c>type</c>) and completes when Redis has it. The envelope carries the publisher's W3C trace context
/// (<c>traceparent</c>/<c>tracestate</c>, from <see cref="System.Diagnostics.Activity.Current"/> unless it brings its
/// own), so the consumer's span, in whatever process, continues the trace; entries without it are read as before. Concurrent publishes are batched and pipelined:
/// with a few round trips in flight, whatever queues meanwhile goes in the next one, as a single script that does
/// one <c>XADD</c> per event. After each append idle consumers are nudged on the pub/sub channel,
/// without waiting: while one nudge is in flight further appends are folded into one more nudge after it.</para>
/// <para><b>Consuming.</b> One reader loop per bus fills a buffer shared by every <see cref="ConsumeAsync"/> caller
/// (the engine runs several). It never holds more than <see cref="RedisStreamsOptions.BatchSize"/> entries that are
/// read but not yet acknowledged or failed: each <c>XREADGROUP</c> asks only for the free slots. On start it
/// creates the group if needed (<c>XGROUP CREATE … 0 MKSTREAM</c>), first re-reads the entries this consumer name
/// received but never acknowledged (id <c>0</c>), then reads new ones (<c>&gt;</c>) until the stream is drained.
/// An idle reader sleeps until a nudge arrives (the same process's publishes wake it directly), with a slow poll
/// (<see cref="RedisStreamsOptions.FallbackPollInterval"/>) in case a nudge is lost.</para>
/// <para><b>Acknowledging and failing.</b> An acknowledgement is recorded at once and sent as a batched <c>XACK</c>
/// by the reader before its next read, pipelined on the same connection. A failure records its reason in the
/// <c>{stream}:failures</c> hash and leaves the entry pending; every
/// <see cref="RedisStreamsOptions.ClaimInterval"/> the reader claims entries idle for at least
/// <see cref="RedisStreamsOptions.ClaimMinIdleTime"/> (<c>XAUTOCLAIM</c>: failed ones and those of consumers
/// that died), reads their delivery counts (<c>XPENDING</c>) and delivers them again. It also refreshes the idle
/// time of the entries it holds (<c>XCLAIM … JUSTID</c>, which does not count as a delivery), so that entries
/// waiting in its buffer are not claimed by another consumer; a delivery that its handler has neither acknowledged
/// nor failed within <see cref="RedisStreamsOptions.ClaimMinIdleTime"/> of taking it is given up on and delivered
/// again (a late acknowledgement still counts). A delivery that
/// fails for the <see cref="RedisStreamsOptions.MaxDeliveries"/>-th time, or an entry found delivered more often
/// than that (its consumers kept crashing), goes to the dead-letter stream with the envelope, the original entry
/// id, the delivery count and the last failure, and is acknowledged. An entry whose envelope cannot be read goes
/// there at once. <see cref="ListAsync"/> and <see cref="ReplayAsync"/> read and replay the dead letters.</para>
/// <para><b>At least once, handled once.</b> Redis keeps every entry until a consumer acknowledges it, so an event
/// is delivered at least once: again after a failure, a crash before the acknowledgement, or a lost
/// acknowledgement. <c>EventConsumerWorker</c> makes that safe: it asks <see cref="IProcessedEventStore"/> whether
/// the event id was handled before calling the sync engine, marks it after, and only then acknowledges; a
/// redelivered event is acknowledged without being applied twice. With this transport the store is Redis-backed
/// (per-minute sets of event ids with a TTL) unless a durable store such as PostgreSQL is registered, and shared by all consumers.
/// Even when two deliveries race past the check, the sync engine's effects converge: pushes carry current
/// state and bookings are versioned.</para>
/// <para><b>Trimming.</b> Every <see cref="RedisStreamsOptions.TrimInterval"/> a script trims the stream
/// (<c>XTRIM MINID</c>) to the oldest entry any group still needs: the lowest pending id of each group, or the
/// entry after its last-delivered id. An entry that some group has not read yet or not acknowledged is never
/// trimmed; acknowledged entries disappear.</para>
/// <para><b>Failures of Redis.</b> The host starts while Redis is down. A lost connection is retried with backoff
/// and logged once per outage. If Redis loses the group (a restart without persistence: <c>NOGROUP</c>), the
/// reader creates it again and goes on; events that were only in Redis's memory are lost with it — the outbox in
/// front of the bus is what re-publishes them.</para>
/// <para>Logs carry entry ids, event ids and types, never payloads.</para>
/// </remarks>
internal sealed partial class RedisStreamsEventBus : IEventBus, IDeadLetterQueue, IAsyncDisposable, IDisposable
{
    private const int MaxPublishBatch = 256;
    private const int MaxPublishBatchesInFlight = 4;
    private const int NotWaiting = 0;
    private const int WaitingForEntries = 1;
    private const int WaitingForSlots = 2;

    /// <summary>Appends several events in one round trip: <c>ARGV</c> holds envelope, event id and type per event.</summary>
    private const string AppendScript = """
        for i = 1, #ARGV, 3 do
          redis.call('XADD', KEYS[1], '*', 'envelope', ARGV[i], 'event_id', ARGV[i + 1], 'type', ARGV[i + 2])
        end
        return #ARGV / 3
        """;

    private readonly RedisStreamsConnection _connection;
    private readonly RedisStreamsOptions _options;
    private readonly RedisStreamsKeys _keys;
    private readonly RedisProcessedEventStore? _processed;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisStreamsEventBus> _logger;
    private readonly SyncActivityNotifier _activity;
    private readonly int _lowWater;
    private readonly int _consumers;
    private readonly Action<RedisChannel, RedisValue> _nudgeHandler;

    /// <summary>Read deliveries waiting for a consumer, in chunks. Never more than BatchSize entries in all.</summary>
    private readonly Channel<Delivery[]> _buffer = Channel.CreateUnbounded<Delivery[]>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });

    /// <summary>The entries this consumer holds (buffered or being handled), by entry id. Reader loop only.</summary>
    private readonly Dictionary<string, Delivery> _held = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Delivery> _acks = new();
    private readonly ConcurrentQueue<Delivery> _failed = new();
    private readonly ConcurrentQueue<PendingPublish> _publishes = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private IDatabase? _db;
    private Task? _running;
    private int _started;
    private int _disposed;
    private int _inFlight;
    private int _queuedAcks;
    private int _nudged;
    private int _readerWaiting;
    private int _nudgeRequests;
    private int _publishBatchesInFlight;
    private int _activeConsumers;
    private int _readingStopped;

    public RedisStreamsEventBus(RedisStreamsConnection connection, IOptions<RedisStreamsOptions> options, IOptions<ChannelManagerOptions> engineOptions, IProcessedEventStore processed, TimeProvider time, ILogger<RedisStreamsEventBus> logger, SyncActivityNotifier? activity = null)
    {
        _activity = activity ?? SyncActivityNotifier.None;
        _consumers = Math.Clamp(engineOptions.Value.EventConsumerConcurrency, 1, 64);
        _connection = connection;
        _options = options.Value;
        _keys = new RedisStreamsKeys(_options);
        _processed = processed as RedisProcessedEventStore;
        _time = time;
        _logger = logger;
        _lowWater = Math.Max(1, _options.BatchSize / 2);
        _nudgeHandler = (_, _) => OnNudge();
    }

    /// <summary>Entries held by this consumer: in the buffer or being handled, not yet acknowledged or failed.</summary>
    internal int InFlight => Volatile.Read(ref _inFlight);

    public ValueTask PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        cancellationToken.ThrowIfCancellationRequested();
        envelope = EventTraceContext.Stamp(envelope);
        var publish = new PendingPublish(EventEnvelopeSerializer.Serialize(envelope), envelope.EventId.ToString("D"), envelope.Type);
        _publishes.Enqueue(publish);
        StartPublishBatches();
        return new ValueTask(cancellationToken.CanBeCanceled ? publish.Completion.Task.WaitAsync(cancellationToken) : publish.Completion.Task);
    }

    public async IAsyncEnumerable<EventDelivery> ConsumeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        EnsureStarted();
        Interlocked.Increment(ref _activeConsumers);
        try
        {
            await foreach (var delivery in ReadBufferAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return delivery;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _activeConsumers);
        }
    }

    /// <summary>
    /// Graceful stop (the host is stopping): reads no more entries, lets the consumers finish the ones this process
    /// holds (until <paramref name="cancellationToken"/> fires, the host's shutdown timeout), and sends the last
    /// acknowledgements, so that a stopping process leaves nothing pending for others to reclaim later.
    /// </summary>
    /// <param name="cancellationToken">Ends the wait for held entries; those are reclaimed by other consumers.</param>
    /// <returns>A task that completes when the held entries are handled or abandoned.</returns>
    internal async Task StopReadingAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) == 1 || Interlocked.Exchange(ref _readingStopped, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_running is null || _db is not { } db)
        {
            return;
        }

        try
        {
            await _running.WaitAsync(cancellationToken).ConfigureAwait(false);

            // The reader is gone: this is now the only user of its state.
            while (true)
            {
                ForgetFailed();
                await FlushAcksAsync(db).ConfigureAwait(false);
                if (_held.Count == 0 || Volatile.Read(ref _activeConsumers) == 0)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(5), _time, cancellationToken).ConfigureAwait(false);
            }

            _logger.LogInformation("Consumer {Consumer} stopped reading stream {Stream}{Left}", _options.ConsumerName, _options.StreamName, _held.Count == 0 ? string.Empty : $"; {_held.Count} entries it holds will be delivered again");
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("Consumer {Consumer} stopped before handling the {Count} entries it holds; they will be delivered again", _options.ConsumerName, _held.Count);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning("Consumer {Consumer} could not send its last acknowledgements ({Error}); those entries will be delivered again", _options.ConsumerName, ex.Message);
        }
    }

    private async IAsyncEnumerable<EventDelivery> ReadBufferAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = _buffer.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var chunk))
            {
                var i = 0;
                try
                {
                    for (; i < chunk.Length; i++)
                    {
                        chunk[i].HandedOutAt = _time.GetTimestamp();
                        yield return chunk[i];
                    }
                }
                finally
                {
                    // The caller stopped in the middle of a chunk: the deliveries it did not get go back to the buffer.
                    if (i < chunk.Length - 1)
                    {
                        _buffer.Writer.TryWrite(chunk[(i + 1)..]);
                    }
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_running is not null)
        {
            try
            {
                await _running.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _logger.LogWarning("The Redis Streams reader of consumer {Consumer} did not stop in time", _options.ConsumerName);
            }
        }

        if (_db is { } db)
        {
            try
            {
                await FlushAcksAsync(db).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                if (_running is not null)
                {
                    await db.Multiplexer.GetSubscriber().UnsubscribeAsync(_keys.Nudge, _nudgeHandler).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                _logger.LogDebug(ex, "Could not send the last acknowledgements of consumer {Consumer}; those entries will be redelivered", _options.ConsumerName);
            }
        }

        _buffer.Writer.TryComplete();
        _stop.Dispose();
        _wake.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void EnsureStarted()
    {
        if (Interlocked.CompareExchange(ref _started, 1, 0) == 0)
        {
            var token = _stop.Token;
            _running = Task.Run(() => Task.WhenAll(RunReaderAsync(token), RunTrimmerAsync(token)), CancellationToken.None);
        }
    }

    private async Task<IDatabase> GetDatabaseAsync()
    {
        var db = (await _connection.GetAsync().ConfigureAwait(false)).GetDatabase();
        _db = db;
        return db;
    }

    private Task<RedisValue> AppendAsync(IDatabase db, RedisValue envelope, RedisValue eventId, RedisValue type) =>
        db.StreamAddAsync(_keys.Stream, [new NameValueEntry(RedisStreamsKeys.EnvelopeField, envelope), new NameValueEntry(RedisStreamsKeys.EventIdField, eventId), new NameValueEntry(RedisStreamsKeys.TypeField, type)]);

    /// <summary>
    /// Sends the queued publishes as batches, with at most <see cref="MaxPublishBatchesInFlight"/> round trips
    /// outstanding: one event goes as a plain <c>XADD</c>, several as one script doing an <c>XADD</c> per event.
    /// Under load the batches grow by themselves (whatever queues while the round trips are in flight goes in the
    /// next batch); a lone publish costs one round trip, as a plain <c>XADD</c> would.
    /// </summary>
    private void StartPublishBatches()
    {
        while (!_publishes.IsEmpty)
        {
            if (Interlocked.Increment(ref _publishBatchesInFlight) > MaxPublishBatchesInFlight)
            {
                // Every slot is busy: the batch that completes next takes these.
                Interlocked.Decrement(ref _publishBatchesInFlight);
                return;
            }

            var batch = new List<PendingPublish>(Math.Min(MaxPublishBatch, 16));
            while (batch.Count < MaxPublishBatch && _publishes.TryDequeue(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                Interlocked.Decrement(ref _publishBatchesInFlight);
                continue;
            }

            _ = SendPublishBatchAsync(batch);
        }
    }

    private async Task SendPublishBatchAsync(List<PendingPublish> batch)
    {
        Exception? error = null;
        try
        {
            var db = _db ?? await GetDatabaseAsync().ConfigureAwait(false);
            if (batch.Count == 1)
            {
                await AppendAsync(db, batch[0].Envelope, batch[0].EventId, batch[0].Type).ConfigureAwait(false);
            }
            else
            {
                var args = new RedisValue[batch.Count * 3];
                for (var i = 0; i < batch.Count; i++)
                {
                    args[i * 3] = batch[i].Envelope;
                    args[(i * 3) + 1] = batch[i].EventId;
                    args[(i * 3) + 2] = batch[i].Type;
                }

                await db.ScriptEvaluateAsync(AppendScript, [_keys.Stream], args).ConfigureAwait(false);
            }

            AfterAppend();
        }
        catch (Exception ex)
        {
            error = ex;

            // A failure can come back synchronously (Redis unreachable); leave the caller's stack before completing, so
            // that callers retrying at once cannot recurse through here.
            await Task.Yield();
        }

        // Complete the callers first (their continuations run here and typically queue their next publish), then
        // free the slot and send whatever queued meanwhile as one batch.
        foreach (var p in batch)
        {
            if (error is null)
            {
                p.Completion.TrySetResult();
            }
            else
            {
                p.Completion.TrySetException(error);
            }
        }

        Interlocked.Decrement(ref _publishBatchesInFlight);
        StartPublishBatches();
    }

    /// <summary>Wakes this process's reader at once and idle consumers elsewhere through a (coalesced) nudge.</summary>
    private void AfterAppend()
    {
        OnNudge();
        if (Interlocked.Increment(ref _nudgeRequests) == 1)
        {
            _ = SendNudgesAsync();
        }
    }

    private async Task SendNudgesAsync()
    {
        try
        {
            var subscriber = (await _connection.GetAsync().ConfigureAwait(false)).GetSubscriber();
            while (true)
            {
                var seen = Volatile.Read(ref _nudgeRequests);
                await subscriber.PublishAsync(_keys.Nudge, RedisValue.EmptyString).ConfigureAwait(false);
                if (Interlocked.Add(ref _nudgeRequests, -seen) <= 0)
                {
                    return;
                }
            }
        }
        catch (Exception ex)
        {
            // Consumers elsewhere find the entries by their fallback poll.
            Volatile.Write(ref _nudgeRequests, 0);
            _logger.LogDebug(ex, "Could not publish a nudge on {Channel}", _keys.Nudge);
        }
    }

    private void OnNudge()
    {
        Interlocked.Exchange(ref _nudged, 1);
        if (Volatile.Read(ref _readerWaiting) == WaitingForEntries)
        {
            Wake();
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private void Acknowledge(Delivery delivery)
    {
        _acks.Enqueue(delivery);
        var queued = Interlocked.Increment(ref _queuedAcks);
        if (Volatile.Read(ref _readerWaiting) != NotWaiting && (queued >= _lowWater || _buffer.Reader.Count == 0))
        {
            Wake();
        }
    }

    private async Task FailAsync(Delivery delivery, Exception error)
    {
        var envelope = delivery.Envelope;
        var reason = Truncate($"{error.GetType().Name}: {error.Message}");
        try
        {
            var db = _db ?? await GetDatabaseAsync().ConfigureAwait(false);
            if (delivery.DeliveryCount >= _options.MaxDeliveries)
            {
                await DeadLetterAsync(db, delivery.EntryId, delivery.Raw, envelope.EventId.ToString("D"), envelope.Type, delivery.DeliveryCount, reason, malformed: false).ConfigureAwait(false);
            }
            else
            {
                _logger.LogWarning(error, "Event {EventId} ({Type}, entry {EntryId}) failed on delivery {Delivery}; it is redelivered after {Delay}", envelope.EventId, envelope.Type, delivery.EntryKey, delivery.DeliveryCount, _options.ClaimMinIdleTime);
                await db.HashSetAsync(_keys.Failures, delivery.EntryId, reason).ConfigureAwait(false);
                db.KeyExpire(_keys.Failures, FailureRetention, CommandFlags.FireAndForget);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            _logger.LogWarning("Could not record the failure of event {EventId} (entry {EntryId}): {Error}; the entry stays pending and is redelivered", envelope.EventId, delivery.EntryKey, ex.Message);
        }
        finally
        {
            _failed.Enqueue(delivery);
            Interlocked.Decrement(ref _inFlight);
            if (Volatile.Read(ref _readerWaiting) != NotWaiting)
            {
                Wake();
            }
        }
    }

    private TimeSpan FailureRetention => TimeSpan.FromDays(1) + (_options.ClaimMinIdleTime * _options.MaxDeliveries);

    private static string Truncate(string reason) => reason.Length <= 2000 ? reason : reason[..2000];

    /// <summary>A publish waiting for the publishing loop; its caller awaits <see cref="Completion"/>.</summary>
    private sealed class PendingPublish(byte[] envelope, string eventId, string type)
    {
        public RedisValue Envelope { get; } = envelope;

        public RedisValue EventId { get; } = eventId;

        public RedisValue Type { get; } = type;

        /// <summary>Completed when its batch is in Redis; the caller's continuation runs inline there.</summary>
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.None);
    }

    /// <summary>One delivery of a stream entry to this consumer.</summary>
    private sealed class Delivery(RedisStreamsEventBus bus, RedisValue entryId, string entryKey, EventEnvelope envelope, int deliveryCount, RedisValue raw) : EventDelivery
    {
        private const int Open = 0;
        private const int Settled = 1;
        private const int Abandoned = 2;
        private int _state;

        public RedisValue EntryId { get; } = entryId;

        public string EntryKey { get; } = entryKey;

        public RedisValue Raw { get; } = raw;

        public override EventEnvelope Envelope { get; } = envelope;

        public override int DeliveryCount { get; } = deliveryCount;

        /// <summary>When a consumer took it (a <see cref="TimeProvider"/> timestamp); 0 while it waits in the buffer.</summary>
        public long HandedOutAt { get; set; }

        /// <summary>Whether the bus gave up on it before it was acknowledged (its slot was already freed).</summary>
        public bool WasAbandoned => Volatile.Read(ref _state) == Abandoned || LateAcknowledgement;

        private bool LateAcknowledgement { get; set; }

        /// <summary>
        /// The bus gives up on a delivery whose handler has not settled it for too long: its entry is claimed and
        /// delivered again. A late acknowledgement is still sent (the event was handled); a late failure is ignored.
        /// </summary>
        /// <returns>Whether it was still open.</returns>
        public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Open) == Open;

        public override ValueTask AcknowledgeAsync(CancellationToken cancellationToken = default)
        {
            if (Interlocked.CompareExchange(ref _state, Settled, Open) == Open)
            {
                bus.Acknowledge(this);
            }
            else if (Interlocked.CompareExchange(ref _state, Settled, Abandoned) == Abandoned)
            {
                LateAcknowledgement = true;
                bus.Acknowledge(this);
            }

            return ValueTask.CompletedTask;
        }

        public override ValueTask FailAsync(Exception error, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(error);
            return Interlocked.CompareExchange(ref _state, Settled, Open) == Open ? new ValueTask(bus.FailAsync(this, error)) : ValueTask.CompletedTask;
        }
    }
}
