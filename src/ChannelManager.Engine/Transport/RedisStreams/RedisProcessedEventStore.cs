using System.Collections.Concurrent;
using ChannelManager.Events;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChannelManager.Engine.Transport.RedisStreams;

/// <summary>
/// Handled event ids in Redis: one key per id (<c>{stream}:processed:{id}</c>, set with <c>NX</c> and a TTL of
/// <see cref="RedisStreamsOptions.ProcessedEventRetention"/>), shared by every consumer of the group, so a
/// redelivered or re-published event is skipped whichever process gets it.
/// </summary>
/// <remarks>
/// <para>Built for the consumer's hot path, without a Redis round trip per event:</para>
/// <list type="bullet">
/// <item>The bus <see cref="Prefetch">prefetches</see> the marks of every batch it reads with one <c>MGET</c>,
/// so <see cref="IsProcessedAsync"/> usually answers from that (milliseconds old) answer; it asks Redis itself
/// when there is none.</item>
/// <item><see cref="MarkProcessedAsync"/> records the id in a small cache of this process at once (so a duplicate
/// handled here right after is caught even before Redis has the mark) and queues the Redis write; queued
/// marks go out together (one script doing <c>SET key 1 NX PX ttl</c> per id) within a couple of milliseconds, and
/// in any case before the bus sends the acknowledgements that follow them (<see cref="FlushMarks"/>). Commands on
/// the multiplexer's connection are executed in order, so a mark reaches Redis before the acknowledgement of its
/// event; if the connection drops in between, both are lost and the event is redelivered — the at-least-once case
/// the handlers tolerate anyway. The returned value says whether this process had not recorded the id recently
/// (best effort: the cache is lossy, and another process's mark is not awaited).</item>
/// </list>
/// <para>On Redis Cluster the keys of one batch may live on different shards, so marks and prefetches fall back to
/// one pipelined command per id.</para>
/// </remarks>
internal sealed class RedisProcessedEventStore : IProcessedEventStore
{
    private const int RecentSlots = 1 << 16;
    private const int PrefetchSlots = 1 << 14;
    private const int MaxKeysPerCommand = 500;
    private const string MarkScript = "for i = 1, #KEYS do redis.call('SET', KEYS[i], '1', 'NX', 'PX', ARGV[1]) end return #KEYS";
    private static readonly TimeSpan PrefetchFreshness = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MarkFlushDelay = TimeSpan.FromMilliseconds(2);
    private static readonly RedisValue Marker = "1";

    private readonly RedisStreamsConnection _connection;
    private readonly string _prefix;
    private readonly TimeSpan _retention;
    private readonly RedisValue _retentionMs;
    private readonly TimeProvider _time;
    // Both caches are fixed-size, lock-free and lossy (a slot holds the last id hashed to it): a miss only costs a
    // round trip to Redis, which has the authoritative answer.
    private readonly Guid[] _recent = new Guid[RecentSlots];
    private readonly Prefetched?[] _prefetched = new Prefetched?[PrefetchSlots];
    private readonly ConcurrentQueue<RedisKey> _marks = new();
    private readonly Lock _markGate = new();
    private int _markFlushScheduled;
    private int _cluster = -1;

    public RedisProcessedEventStore(RedisStreamsConnection connection, IOptions<RedisStreamsOptions> options, TimeProvider time)
    {
        _connection = connection;
        _prefix = new RedisStreamsKeys(options.Value).ProcessedPrefix;
        _retention = options.Value.ProcessedEventRetention;
        _retentionMs = (long)_retention.TotalMilliseconds;
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
        return await db.KeyExistsAsync(Key(eventId)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> MarkProcessedAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        _marks.Enqueue(Key(eventId));
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
            var batch = new List<RedisKey>(64);
            while (_marks.TryDequeue(out var key))
            {
                batch.Add(key);
                if (batch.Count == MaxKeysPerCommand)
                {
                    WriteMarks(db, batch);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                WriteMarks(db, batch);
            }
        }
    }

    /// <summary>Asks Redis, with one command for the batch, whether these events were handled; the answers are kept
    /// (a few seconds at most) for <see cref="IsProcessedAsync"/>.</summary>
    public void Prefetch(IDatabase db, IReadOnlyList<Guid> eventIds)
    {
        if (eventIds.Count == 0)
        {
            return;
        }

        var keys = new RedisKey[eventIds.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Key(eventIds[i]);
        }

        Task<bool[]> exists;
        if (IsCluster(db))
        {
            var batch = db.CreateBatch();
            var each = keys.Select(k => batch.KeyExistsAsync(k)).ToArray();
            batch.Execute();
            exists = Task.WhenAll(each);
        }
        else
        {
            exists = db.StringGetAsync(keys).ContinueWith(
                static t => Array.ConvertAll(t.GetAwaiter().GetResult(), v => !v.IsNull),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        var shared = new PrefetchBatch(exists, _time.GetTimestamp());
        for (var i = 0; i < keys.Length; i++)
        {
            Volatile.Write(ref _prefetched[Slot(eventIds[i], PrefetchSlots)], new Prefetched(eventIds[i], shared, i));
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

    private void WriteMarks(IDatabase db, List<RedisKey> keys)
    {
        if (IsCluster(db))
        {
            foreach (var key in keys)
            {
                db.StringSet(key, Marker, _retention, When.NotExists, CommandFlags.FireAndForget);
            }
        }
        else
        {
            // Not fire-and-forget: the client re-sends the script itself if Redis lost its script cache (NOSCRIPT).
            _ = db.ScriptEvaluateAsync(MarkScript, [.. keys], [_retentionMs]).ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private bool IsCluster(IDatabase db)
    {
        var known = Volatile.Read(ref _cluster);
        if (known >= 0)
        {
            return known == 1;
        }

        var servers = db.Multiplexer.GetServers();
        if (servers.Length == 0 || !servers.Any(s => s.IsConnected))
        {
            return true; // not known yet: the per-key commands work everywhere
        }

        var cluster = servers.Any(s => s.ServerType == ServerType.Cluster);
        Volatile.Write(ref _cluster, cluster ? 1 : 0);
        return cluster;
    }

    private RedisKey Key(Guid eventId) =>
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
