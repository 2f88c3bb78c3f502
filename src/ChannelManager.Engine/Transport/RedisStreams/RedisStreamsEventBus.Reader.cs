using ChannelManager.Events;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChannelManager.Engine.Transport.RedisStreams;

/// <content>The reader loop: group creation, own pending entries, new entries, reclaiming, acknowledgements.</content>
internal sealed partial class RedisStreamsEventBus
{
    private const int MaxIdsPerAck = 1000;
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private static readonly RedisValue ScanStart = "0-0";

    private RedisValue _claimCursor = ScanStart;
    private long _outageStartedAt;
    private bool _subscribed;

    private async Task RunReaderAsync(CancellationToken stop)
    {
        var groupReady = false;
        var ownPending = true;
        RedisValue pendingCursor = "0";
        var mayHaveMore = true;
        var nextClaimAt = 0L;
        var nextPollAt = 0L;
        var backoff = MinBackoff;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var db = _db ?? await GetDatabaseAsync().ConfigureAwait(false);
                if (!groupReady)
                {
                    await EnsureGroupAsync(db).ConfigureAwait(false);
                    await EnsureSubscribedAsync(db).ConfigureAwait(false);
                    groupReady = true;
                    ownPending = true;
                    pendingCursor = "0";
                    mayHaveMore = true;
                    _claimCursor = ScanStart;
                }

                ForgetFailed();
                await FlushAcksAsync(db, awaitReply: false).ConfigureAwait(false);
                var now = _time.GetTimestamp();
                if (!ownPending && now >= nextClaimAt)
                {
                    await ReclaimAsync(db).ConfigureAwait(false);
                    now = _time.GetTimestamp();
                    nextClaimAt = now + Ticks(_options.ClaimInterval);
                }

                var free = _options.BatchSize - Volatile.Read(ref _inFlight);
                var room = free > 0 && (free >= _lowWater || _buffer.Reader.Count == 0);
                var due = ownPending || mayHaveMore || Volatile.Read(ref _nudged) == 1 || now >= nextPollAt;
                if (room && due)
                {
                    // Clear the nudge before reading, so that a nudge for an entry the read misses causes another read.
                    Interlocked.Exchange(ref _nudged, 0);
                    nextPollAt = now + Ticks(_options.FallbackPollInterval);
                    var entries = await db.StreamReadGroupAsync(_keys.Stream, _keys.Group, _keys.Consumer, ownPending ? pendingCursor : StreamPosition.NewMessages, free).ConfigureAwait(false);
                    if (ownPending)
                    {
                        if (entries.Length > 0)
                        {
                            pendingCursor = entries[^1].Id;
                            _logger.LogInformation("Consumer {Consumer} re-reads {Count} entries it had received but not acknowledged", _options.ConsumerName, entries.Length);
                            await AcceptAsync(db, entries, fresh: false).ConfigureAwait(false);
                        }

                        if (entries.Length < free)
                        {
                            ownPending = false;
                            nextClaimAt = now;
                        }
                    }
                    else
                    {
                        mayHaveMore = entries.Length == free;
                        if (entries.Length > 0)
                        {
                            await AcceptAsync(db, entries, fresh: true).ConfigureAwait(false);
                        }
                    }

                    EndOutage();
                    backoff = MinBackoff;
                    continue;
                }

                EndOutage();
                backoff = MinBackoff;
                var until = room ? Math.Min(nextClaimAt, nextPollAt) : nextClaimAt;
                var wait = until <= now ? TimeSpan.FromMilliseconds(1) : _time.GetElapsedTime(now, until);
                await WaitForWorkAsync(wait, room, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (RedisServerException ex) when (IsNoGroup(ex))
            {
                _logger.LogWarning("Consumer group {Group} of stream {Stream} is missing (Redis restarted without persistence?); creating it again", _options.ConsumerGroup, _options.StreamName);
                groupReady = false;
            }
            catch (Exception ex)
            {
                if (ex is RedisException or TimeoutException)
                {
                    ReportOutage(ex);
                }
                else
                {
                    _logger.LogError(ex, "The Redis Streams reader of consumer {Consumer} failed; it goes on after {Backoff}", _options.ConsumerName, backoff);
                }

                try
                {
                    await Task.Delay(backoff, _time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private async Task EnsureGroupAsync(IDatabase db)
    {
        try
        {
            await db.StreamCreateConsumerGroupAsync(_keys.Stream, _keys.Group, "0", createStream: true).ConfigureAwait(false);
            _logger.LogInformation("Created consumer group {Group} on stream {Stream}", _options.ConsumerGroup, _options.StreamName);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // It exists: the normal case.
        }
    }

    private async Task EnsureSubscribedAsync(IDatabase db)
    {
        if (!_subscribed)
        {
            // The multiplexer subscribes again by itself after a reconnect.
            await db.Multiplexer.GetSubscriber().SubscribeAsync(_keys.Nudge, _nudgeHandler).ConfigureAwait(false);
            _subscribed = true;
        }
    }

    /// <summary>Turns read or claimed entries into deliveries in the buffer.</summary>
    /// <param name="db">The database.</param>
    /// <param name="entries">The entries, in id order.</param>
    /// <param name="fresh">Read with <c>&gt;</c> (first delivery); otherwise the delivery counts are looked up.</param>
    private async Task AcceptAsync(IDatabase db, StreamEntry[] entries, bool fresh)
    {
        Dictionary<string, int>? counts = null;
        if (!fresh)
        {
            var pending = await db.StreamPendingMessagesAsync(_keys.Stream, _keys.Group, entries.Length + _held.Count + 16, _keys.Consumer, entries[0].Id, entries[^1].Id).ConfigureAwait(false);
            counts = new Dictionary<string, int>(pending.Length, StringComparer.Ordinal);
            foreach (var p in pending)
            {
                counts[p.MessageId!] = p.DeliveryCount;
            }
        }

        var accepted = new List<Delivery>(entries.Length);
        var eventIds = _processed is null ? null : new List<Guid>(entries.Length);
        try
        {
            foreach (var entry in entries)
            {
                var key = (string)entry.Id!;
                if (_held.ContainsKey(key))
                {
                    // Already here (claimed while it waits in the buffer or is being handled): one delivery at a time.
                    continue;
                }

                var raw = entry.IsNull || entry.Values is null || entry.Values.Length == 0 ? RedisValue.Null : entry[RedisStreamsKeys.EnvelopeField];
                if (raw.IsNull)
                {
                    // Deleted from the stream while pending: there is nothing left to deliver.
                    _logger.LogWarning("Entry {EntryId} of stream {Stream} was deleted before it was acknowledged; dropping it", key, _options.StreamName);
                    db.StreamAcknowledge(_keys.Stream, _keys.Group, entry.Id, CommandFlags.FireAndForget);
                    continue;
                }

                var deliveryCount = counts is null ? 1 : counts.GetValueOrDefault(key, 1);
                if (deliveryCount > _options.MaxDeliveries)
                {
                    // Delivered too often without an acknowledgement or a recorded final failure (its consumers died while
                    // handling it, or could not record the failure): this claim would be one delivery too many.
                    var reason = (string?)await db.HashGetAsync(_keys.Failures, entry.Id).ConfigureAwait(false)
                        ?? $"delivered {deliveryCount - 1} times without being acknowledged (consumers stopped while handling it)";
                    await DeadLetterAsync(db, entry.Id, raw, (string?)entry[RedisStreamsKeys.EventIdField], (string?)entry[RedisStreamsKeys.TypeField], deliveryCount - 1, reason, malformed: false).ConfigureAwait(false);
                    continue;
                }

                EventEnvelope envelope;
                try
                {
                    envelope = EventEnvelopeSerializer.Deserialize(((ReadOnlyMemory<byte>)raw).Span);
                }
                catch (Exception ex)
                {
                    await DeadLetterAsync(db, entry.Id, raw, (string?)entry[RedisStreamsKeys.EventIdField], (string?)entry[RedisStreamsKeys.TypeField], deliveryCount, Truncate("malformed envelope: " + ex.Message), malformed: true).ConfigureAwait(false);
                    continue;
                }

                var delivery = new Delivery(this, entry.Id, key, envelope, deliveryCount, raw);
                _held[key] = delivery;
                accepted.Add(delivery);
                eventIds?.Add(envelope.EventId);
            }
        }
        finally
        {
            // Whatever was accepted is delivered, even if dead-lettering a later entry failed.
            Enqueue(db, accepted, eventIds);
        }
    }

    private void Enqueue(IDatabase db, List<Delivery> accepted, List<Guid>? eventIds)
    {
        if (accepted.Count == 0)
        {
            return;
        }

        Interlocked.Add(ref _inFlight, accepted.Count);
        Task prefetched = Task.CompletedTask;
        if (eventIds is not null)
        {
            try
            {
                prefetched = _processed!.Prefetch(db, eventIds);
            }
            catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
            {
                // The consumers ask Redis one by one instead.
            }
        }

        if (prefetched.IsCompleted)
        {
            Hand(accepted);
        }
        else
        {
            // The batch goes to the consumers once its processed marks are known (one continuation per batch), so that
            // no consumer waits for them and is woken again event by event. The reader goes on meanwhile.
            _ = prefetched.ContinueWith(
                static (_, state) =>
                {
                    var (bus, deliveries) = ((RedisStreamsEventBus, List<Delivery>))state!;
                    bus.Hand(deliveries);
                },
                (this, accepted),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Puts deliveries in the buffer in chunks, so the consumers take work with one buffer operation per chunk rather
    /// than per entry, and each of them gets a share.
    /// </summary>
    private void Hand(List<Delivery> accepted)
    {
        var chunk = Math.Max(1, (accepted.Count + _consumers - 1) / _consumers);
        for (var i = 0; i < accepted.Count; i += chunk)
        {
            _buffer.Writer.TryWrite(accepted.GetRange(i, Math.Min(chunk, accepted.Count - i)).ToArray());
        }
    }

    /// <summary>
    /// Refreshes the entries this consumer is working on (so no one claims them), then claims entries idle for at
    /// least <see cref="RedisStreamsOptions.ClaimMinIdleTime"/>, as many as there are free slots.
    /// </summary>
    private async Task ReclaimAsync(IDatabase db)
    {
        if (_held.Count > 0)
        {
            var now = _time.GetTimestamp();
            var refresh = new List<RedisValue>(_held.Count);
            List<Delivery>? abandoned = null;
            foreach (var delivery in _held.Values)
            {
                if (delivery.HandedOutAt != 0 && _time.GetElapsedTime(delivery.HandedOutAt, now) >= _options.ClaimMinIdleTime)
                {
                    (abandoned ??= []).Add(delivery);
                }
                else
                {
                    refresh.Add(delivery.EntryId);
                }
            }

            foreach (var delivery in abandoned ?? [])
            {
                // A handler that neither acknowledged nor failed its delivery for this long is taken as lost (stuck or
                // cancelled): stop keeping the entry, so that it is claimed and delivered again like any other.
                _held.Remove(delivery.EntryKey);
                if (delivery.TryAbandon())
                {
                    Interlocked.Decrement(ref _inFlight);
                    _logger.LogWarning("Event {EventId} ({Type}, entry {EntryId}) was not acknowledged within {Time} of being handed out; it will be delivered again", delivery.Envelope.EventId, delivery.Envelope.Type, delivery.EntryKey, _options.ClaimMinIdleTime);
                }
            }

            if (refresh.Count > 0)
            {
                var minIdle = Math.Max(1L, (long)(_options.ClaimInterval.TotalMilliseconds / 2));
                await db.StreamClaimIdsOnlyAsync(_keys.Stream, _keys.Group, _keys.Consumer, minIdle, [.. refresh]).ConfigureAwait(false);
            }
        }

        for (var round = 0; round < 10; round++)
        {
            var free = _options.BatchSize - Volatile.Read(ref _inFlight);
            if (free <= 0)
            {
                return;
            }

            var result = await db.StreamAutoClaimAsync(_keys.Stream, _keys.Group, _keys.Consumer, (long)_options.ClaimMinIdleTime.TotalMilliseconds, _claimCursor, free).ConfigureAwait(false);
            if (result.IsNull)
            {
                _claimCursor = ScanStart;
                return;
            }

            _claimCursor = result.NextStartId.IsNullOrEmpty ? ScanStart : result.NextStartId;
            if (result.ClaimedEntries.Length > 0)
            {
                _logger.LogInformation("Consumer {Consumer} claimed {Count} idle entries for redelivery", _options.ConsumerName, result.ClaimedEntries.Length);
                await AcceptAsync(db, result.ClaimedEntries, fresh: false).ConfigureAwait(false);
            }

            if (_claimCursor == ScanStart)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Sends the acknowledgements recorded since the last call as batched <c>XACK</c>s and frees their slots. The
    /// commands are written before any later read on the same connection, so Redis never counts more pending
    /// entries for this consumer than <see cref="RedisStreamsOptions.BatchSize"/>.
    /// </summary>
    private Task FlushAcksAsync(IDatabase db, bool awaitReply = true)
    {
        if (_acks.IsEmpty)
        {
            return Task.CompletedTask;
        }

        // The processed marks of these events go out first (same connection, so Redis applies them first).
        _processed?.FlushMarks(db);
        var ids = new List<RedisValue>(Math.Min(Volatile.Read(ref _queuedAcks) + 8, MaxIdsPerAck));
        List<RedisValue>? retried = null;
        List<Task>? replies = awaitReply ? [] : null;
        var dequeued = 0;
        var slots = 0;
        try
        {
            while (_acks.TryDequeue(out var delivery))
            {
                dequeued++;
                if (delivery.WasAbandoned)
                {
                    // Acknowledged after the bus gave up on it: its slot is already free and it is no longer held.
                }
                else
                {
                    slots++;
                    _held.Remove(delivery.EntryKey);
                }

                ids.Add(delivery.EntryId);
                if (delivery.DeliveryCount > 1)
                {
                    (retried ??= []).Add(delivery.EntryId);
                }

                if (ids.Count == MaxIdsPerAck)
                {
                    Send(db, ids, replies);
                    ids.Clear();
                }
            }

            if (ids.Count > 0)
            {
                Send(db, ids, replies);
            }

            if (retried is not null)
            {
                db.HashDelete(_keys.Failures, [.. retried], CommandFlags.FireAndForget);
            }
        }
        finally
        {
            Interlocked.Add(ref _queuedAcks, -dequeued);
            Interlocked.Add(ref _inFlight, -slots);
        }

        return replies is null ? Task.CompletedTask : Task.WhenAll(replies);

        void Send(IDatabase db, List<RedisValue> ids, List<Task>? replies)
        {
            if (replies is null)
            {
                db.StreamAcknowledge(_keys.Stream, _keys.Group, [.. ids], CommandFlags.FireAndForget);
            }
            else
            {
                replies.Add(db.StreamAcknowledgeAsync(_keys.Stream, _keys.Group, [.. ids]));
            }
        }
    }

    /// <summary>Forgets the entries whose delivery failed: they stay pending in Redis and are claimed again later.</summary>
    private void ForgetFailed()
    {
        while (_failed.TryDequeue(out var delivery))
        {
            _held.Remove(delivery.EntryKey);
        }
    }

    private async Task WaitForWorkAsync(TimeSpan timeout, bool room, CancellationToken stop)
    {
        // Say what may wake the reader: with free slots a nudge (new entries) or acknowledgements; without, only
        // acknowledgements (a burst of publishes must not wake a reader that has no room for them).
        Interlocked.Exchange(ref _readerWaiting, room ? WaitingForEntries : WaitingForSlots);
        try
        {
            var queued = Volatile.Read(ref _queuedAcks);
            if ((queued > 0 && (queued >= _lowWater || _buffer.Reader.Count == 0)) || (room && Volatile.Read(ref _nudged) == 1))
            {
                return;
            }

            await _wake.WaitAsync(timeout, stop).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _readerWaiting, NotWaiting);
        }
    }

    private void ReportOutage(Exception ex)
    {
        if (_outageStartedAt == 0)
        {
            _outageStartedAt = _time.GetTimestamp();
            _logger.LogWarning("Redis Streams consumer {Consumer} cannot reach Redis or read stream {Stream} ({Error}: {Message}); retrying with backoff", _options.ConsumerName, _options.StreamName, ex.GetType().Name, ex.Message);
        }
        else
        {
            _logger.LogDebug("Redis Streams consumer {Consumer} still failing: {Error}: {Message}", _options.ConsumerName, ex.GetType().Name, ex.Message);
        }
    }

    private void EndOutage()
    {
        if (_outageStartedAt != 0)
        {
            _logger.LogInformation("Redis Streams consumer {Consumer} reads stream {Stream} again after {Duration}", _options.ConsumerName, _options.StreamName, _time.GetElapsedTime(_outageStartedAt));
            _outageStartedAt = 0;
        }
    }

    private static bool IsNoGroup(RedisServerException ex) => ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal);

    private long Ticks(TimeSpan interval) => (long)(interval.TotalSeconds * _time.TimestampFrequency);
}
