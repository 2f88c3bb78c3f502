using System.Collections.Concurrent;
using ChannelManager.Events;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChannelManager.Engine.Transport.RedisStreams;

/// <summary>
/// Handled event ids in Redis, shared by every consumer of the group, so a redelivered or re-published event is
/// skipped whichever process gets it. Each id is remembered for at least
/// <see cref="RedisStreamsOptions.ProcessedEventRetention"/>.
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> Event ids are version-7 UUIDs (the <c>EventService</c> mints them), which carry the
/// millisecond they were made. Such an id is a 16-byte member of the set for its minute,
/// <c>{stream}:processed:m:{unix minute}</c>; the set expires <c>ProcessedEventRetention</c> after the later of that
/// minute's end and the last mark added to it. One set per minute keeps Redis's work and memory per id small (a set
/// member, not a key with its own expiry), lets one command mark or look up a whole batch, and keeps each set small
/// enough to expire without stalling Redis. Any other id (an id the caller chose, or one whose time is implausible)
/// is a key of its own, <c>{stream}:processed:{id}</c>, set with <c>NX</c> and a TTL. Every command touches one
/// key, so this works on Redis Cluster too. Needs Redis 6.2 or later (<c>SMISMEMBER</c>).</para>
/// <para><b>Hot path.</b> The bus <see cref="Prefetch">prefetches</see> the marks of every batch it reads (one
/// <c>SMISMEMBER</c> per minute in the batch), so <see cref="IsProcessedAsync"/> usually answers from that
/// (milliseconds old) answer; it asks Redis itself when there is none. <see cref="MarkProcessedAsync"/> records the
/// id in a small cache of this process at once (so a duplicate handled here right after is caught even before Redis
/// has the mark) and queues the Redis write; queued marks go out together (one script per minute doing
/// <c>SADD</c> and extending the expiry) within a couple of milliseconds, and in any case before the bus sends the
/// acknowledgements that follow them (<see cref="FlushMarks"/>). Commands on the multiplexer's connection are
/// executed in order, so a mark reaches Redis before the acknowledgement of its event; if the connection drops in
/// between, both are lost and the event is redelivered — the at-least-once case the handlers tolerate anyway. The
/// returned value says whether this process had not recorded the id recently (best effort: the cache is lossy,
/// and another process's mark is not awaited).</para>
/// </remarks>
internal sealed class RedisProcessedEventStore : IProcessedEventStore
{
    private const int RecentSlots = 1 << 16;
    private const int PrefetchSlots = 1 << 14;
    private const int MaxMembersPerCommand = 500;
    private const long MillisecondsPerBucket = 60_000;

    // ARGV[1] is the TTL in milliseconds the set must have at least; the rest are the members.
    private const string BucketMarkScript =
        "redis.call('SADD', KEYS[1], unpack(ARGV, 2)) " +
        "if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end " +
        "return 1";

    private static readonly TimeSpan PrefetchFreshness = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MarkFlushDelay = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromDays(1);
    private static readonly long EarliestPlausibleMs = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly RedisValue Marker = "1";

    private readonly RedisStreamsConnection _connection;
    private readonly string _prefix;
    private readonly string _bucketPrefix;
    private readonly TimeSpan _retention;
    private readonly TimeProvider _time;
    // Both caches are fixed-size, lock-free and lossy (a slot holds the last id hashed to it): a miss only costs a
    // round trip to Redis, which has the authoritative answer.
    private readonly Guid[] _recent = new Guid[RecentSlots];
    private readonly Prefetched?[] _prefetched = new Prefetched?[PrefetchSlots];
    private readonly ConcurrentQueue<Guid> _marks = new();
    private readonly Lock _markGate = new();
    private int _markFlushScheduled;

    public RedisProcessedEventStore(RedisStreamsConnection connection, IOptions<RedisStreamsOptions> options, TimeProvider time)
    {
        _connection = connection;
        _prefix = new RedisStreamsKeys(options.Value).ProcessedPrefix;
        _bucketPrefix = _prefix + "m:";
        _retention = options.Value.ProcessedEventRetention;
        _time = time;
    }

    public async Task<bool> IsProcessedAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        if (IsRecent(eventId))
        {
            return true;
        }

        ref var slot = ref _prefetched[Slot(eventId, PrefetchSlots)];
        var p = Volatile.Read(ref slot);
        if (p is not null && p.EventId == eventId && _time.GetElapsedTime(p.Batch.At) < PrefetchFreshness)
        {
            Interlocked.CompareExchange(ref slot, null, p);
            try
            {
                return (await p.Batch.Exists.ConfigureAwait(false))[p.Index];
            }
            catch (RedisException)
            {
                // Ask again below.
            }
        }

        var db = (await _connection.GetAsync().ConfigureAwait(false)).GetDatabase();
        var check = TryGetBucket(eventId, NowMs(), out var bucket)
            ? db.SetContainsAsync(BucketKey(bucket), Member(eventId))
            : db.KeyExistsAsync(OwnKey(eventId));
        return await check.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> MarkProcessedAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        _marks.Enqueue(eventId);
        if (Interlocked.Exchange(ref _markFlushScheduled, 1) == 0)
        {
            _ = FlushMarksSoonAsync();
        }

        if (IsRecent(eventId))
        {
            return Task.FromResult(false);
        }

        _recent[Slot(eventId, RecentSlots)] = eventId;
        return Task.FromResult(true);
    }

    /// <summary>
    /// Writes the queued marks (pipelined, not awaited). When this returns, every mark queued before the call has been
    /// handed to the connection, so commands issued afterwards on it (the bus's <c>XACK</c>) reach Redis after them.
    /// </summary>
    public void FlushMarks(IDatabase db)
    {
        if (_marks.IsEmpty)
        {
            return;
        }

        lock (_markGate)
        {
            var now = NowMs();
            Dictionary<long, List<Guid>>? buckets = null;
            List<Guid>? own = null;
            while (_marks.TryDequeue(out var id))
            {
                if (TryGetBucket(id, now, out var bucket))
                {
                    buckets ??= [];
                    if (!buckets.TryGetValue(bucket, out var members))
                    {
                        buckets[bucket] = members = new List<Guid>(64);
                    }

                    members.Add(id);
                    if (members.Count == MaxMembersPerCommand)
                    {
                        WriteBucket(db, bucket, members, now);
                        members.Clear();
                    }
                }
                else
                {
                    (own ??= []).Add(id);
                }
            }

            foreach (var (bucket, members) in buckets ?? [])
            {
                if (members.Count > 0)
                {
                    WriteBucket(db, bucket, members, now);
                }
            }

            foreach (var id in own ?? [])
            {
                db.StringSet(OwnKey(id), Marker, _retention, When.NotExists, CommandFlags.FireAndForget);
            }
        }
    }

    /// <summary>Asks Redis, with one command per minute of the batch's ids, whether these events were handled; the
    /// answers are kept (a few seconds at most) for <see cref="IsProcessedAsync"/>.</summary>
    /// <returns>A task that completes (faulted if Redis failed) when the answers are in.</returns>
    public Task Prefetch(IDatabase db, IReadOnlyList<Guid> eventIds)
    {
        if (eventIds.Count == 0)
        {
            return Task.CompletedTask;
        }

        var now = NowMs();
        var first = TryGetBucket(eventIds[0], now, out var firstBucket);
        var oneBucket = first;
        for (var i = 1; i < eventIds.Count && oneBucket; i++)
        {
            oneBucket = TryGetBucket(eventIds[i], now, out var b) && b == firstBucket;
        }

        Task<bool[]> exists;
        if (oneBucket)
        {
            // The common case: a batch of events made within the same minute.
            exists = db.SetContainsAsync(BucketKey(firstBucket), Members(eventIds));
        }
        else
        {
            exists = LookUpMixedAsync(db, eventIds, now);
        }

        var shared = new PrefetchBatch(exists, _time.GetTimestamp());
        for (var i = 0; i < eventIds.Count; i++)
        {
            Volatile.Write(ref _prefetched[Slot(eventIds[i], PrefetchSlots)], new Prefetched(eventIds[i], shared, i));
        }

        return exists;
    }

    private Task<bool[]> LookUpMixedAsync(IDatabase db, IReadOnlyList<Guid> eventIds, long now)
    {
        var answers = new Task<bool>[eventIds.Count];
        var buckets = new Dictionary<long, List<int>>();
        var batch = db.CreateBatch();
        for (var i = 0; i < eventIds.Count; i++)
        {
            if (TryGetBucket(eventIds[i], now, out var bucket))
            {
                if (!buckets.TryGetValue(bucket, out var indexes))
                {
                    buckets[bucket] = indexes = [];
                }

                indexes.Add(i);
            }
            else
            {
                answers[i] = batch.KeyExistsAsync(OwnKey(eventIds[i]));
            }
        }

        var lookups = new List<(List<int> Indexes, Task<bool[]> Found)>(buckets.Count);
        foreach (var (bucket, indexes) in buckets)
        {
            lookups.Add((indexes, batch.SetContainsAsync(BucketKey(bucket), Members(indexes.Select(i => eventIds[i]).ToArray()))));
        }

        batch.Execute();
        return CollectAsync();

        async Task<bool[]> CollectAsync()
        {
            var result = new bool[eventIds.Count];
            foreach (var (indexes, found) in lookups)
            {
                var values = await found.ConfigureAwait(false);
                for (var k = 0; k < indexes.Count; k++)
                {
                    result[indexes[k]] = values[k];
                }
            }

            for (var i = 0; i < answers.Length; i++)
            {
                if (answers[i] is { } own)
                {
                    result[i] = await own.ConfigureAwait(false);
                }
            }

            return result;
        }
    }

    /// <summary>
    /// Writes the marks a moment after the first one queued, so that a burst goes out as one command (the bus
    /// flushes earlier, before its acknowledgements; this covers the other callers, e.g. the booking importer).
    /// </summary>
    private async Task FlushMarksSoonAsync()
    {
        try
        {
            await Task.Delay(MarkFlushDelay, _time).ConfigureAwait(false);
            Volatile.Write(ref _markFlushScheduled, 0);
            FlushMarks((await _connection.GetAsync().ConfigureAwait(false)).GetDatabase());
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            // The marks stay recorded in this process; Redis misses them only if it is unreachable, and then the
            // acknowledgements after them are lost too (the events are redelivered).
            Volatile.Write(ref _markFlushScheduled, 0);
        }
    }

    private void WriteBucket(IDatabase db, long bucket, List<Guid> members, long now)
    {
        // Remembered for the retention after the later of the minute's end and now (a late event extends it).
        var ttl = Math.Max((bucket + 1) * MillisecondsPerBucket, now) - now + (long)_retention.TotalMilliseconds;
        var args = new RedisValue[members.Count + 1];
        args[0] = ttl;
        var bytes = new byte[members.Count * 16];
        for (var i = 0; i < members.Count; i++)
        {
            members[i].TryWriteBytes(bytes.AsSpan(i * 16, 16), bigEndian: true, out _);
            args[i + 1] = bytes.AsMemory(i * 16, 16);
        }

        // Not fire-and-forget: the client re-sends the script itself if Redis lost its script cache (NOSCRIPT).
        _ = db.ScriptEvaluateAsync(BucketMarkScript, [BucketKey(bucket)], args)
            .ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The minute a version-7 id was made in, if it is one and its time is plausible (not before 2020,
    /// not more than a day ahead of this clock).</summary>
    private static bool TryGetBucket(Guid eventId, long nowMs, out long bucket)
    {
        bucket = 0;
        if (eventId.Version != 7)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        eventId.TryWriteBytes(bytes, bigEndian: true, out _);
        var ms = ((long)bytes[0] << 40) | ((long)bytes[1] << 32) | ((long)bytes[2] << 24) | ((long)bytes[3] << 16) | ((long)bytes[4] << 8) | bytes[5];
        if (ms < EarliestPlausibleMs || ms > nowMs + (long)MaxClockSkew.TotalMilliseconds)
        {
            return false;
        }

        bucket = ms / MillisecondsPerBucket;
        return true;
    }

    private static RedisValue Member(Guid eventId)
    {
        var bytes = new byte[16];
        eventId.TryWriteBytes(bytes, bigEndian: true, out _);
        return bytes;
    }

    private static RedisValue[] Members(IReadOnlyList<Guid> eventIds)
    {
        var bytes = new byte[eventIds.Count * 16];
        var values = new RedisValue[eventIds.Count];
        for (var i = 0; i < values.Length; i++)
        {
            eventIds[i].TryWriteBytes(bytes.AsSpan(i * 16, 16), bigEndian: true, out _);
            values[i] = bytes.AsMemory(i * 16, 16);
        }

        return values;
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private RedisKey BucketKey(long bucket) => _bucketPrefix + bucket.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private RedisKey OwnKey(Guid eventId) =>
        string.Create(_prefix.Length + 32, (_prefix, eventId), static (span, state) =>
        {
            state._prefix.CopyTo(span);
            state.eventId.TryFormat(span[state._prefix.Length..], out _, "N");
        });

    private sealed record PrefetchBatch(Task<bool[]> Exists, long At);

    private sealed record Prefetched(Guid EventId, PrefetchBatch Batch, int Index);

    private static int Slot(Guid eventId, int slots) => eventId.GetHashCode() & (slots - 1);

    // A torn read of a slot being overwritten yields a mix of two ids, which matches neither: a miss, never a false hit.
    private bool IsRecent(Guid eventId) => _recent[Slot(eventId, RecentSlots)] == eventId;
}
