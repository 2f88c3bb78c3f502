using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChannelManager.Engine.Transport.RedisStreams;

/// <summary>
/// A token bucket that lives in Redis, so that every process of a deployment draws from one bucket per platform: the
/// bucket (tokens and the time they were counted) is one hash, refilled and taken from atomically by a Lua script
/// that reads Redis's own clock, so the processes' clocks do not matter. A caller that finds the bucket empty waits
/// for the time the script says a token will be there (up to the queue limit of waiting callers), then tries again.
/// If Redis cannot be reached the limiter falls back to an in-process bucket with the same settings and logs it:
/// calls to the platform go on, limited per process, rather than stop.
/// </summary>
internal sealed class RedisTokenBucketRateLimiter : RateLimiter
{
    // KEYS[1] bucket; ARGV[1] capacity; ARGV[2] tokens per millisecond; ARGV[3] tokens wanted.
    // Returns 0 when the tokens were taken, else the milliseconds until they will be there.
    private const string Script = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local capacity = tonumber(ARGV[1])
        local rate = tonumber(ARGV[2])
        local wanted = tonumber(ARGV[3])
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1])
        local at = tonumber(state[2])
        if tokens == nil or at == nil then
          tokens = capacity
          at = now
        end
        if now > at then
          tokens = math.min(capacity, tokens + (now - at) * rate)
          at = now
        end
        local wait = 0
        if tokens >= wanted then
          tokens = tokens - wanted
        else
          wait = math.ceil((wanted - tokens) / rate)
        end
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
        redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 60000)
        return wait
        """;

    private readonly Func<IDatabase> _database;
    private readonly RedisKey _key;
    private readonly int _capacity;
    private readonly double _tokensPerMillisecond;
    private readonly int _queueLimit;
    private readonly RateLimiter _fallback;
    private readonly ILogger _logger;
    private int _waiting;
    private long _lastFallbackLog;

    public RedisTokenBucketRateLimiter(Func<IDatabase> database, string key, int capacity, double permitsPerSecond, int queueLimit, RateLimiter fallback, ILogger logger)
    {
        _database = database;
        _key = key;
        _capacity = capacity;
        _tokensPerMillisecond = permitsPerSecond / 1000.0;
        _queueLimit = queueLimit;
        _fallback = fallback;
        _logger = logger;
    }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        try
        {
            var wait = (long)_database().ScriptEvaluate(Script, [_key], Arguments(permitCount));
            return wait == 0 ? Lease.Acquired : Lease.Refused(TimeSpan.FromMilliseconds(wait));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogFallback(ex);
            return _fallback.AttemptAcquire(permitCount);
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var queued = false;
        try
        {
            while (true)
            {
                long wait;
                try
                {
                    wait = (long)await _database().ScriptEvaluateAsync(Script, [_key], Arguments(permitCount)).WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    LogFallback(ex);
                    return await _fallback.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
                }

                if (wait == 0)
                {
                    return Lease.Acquired;
                }

                if (!queued)
                {
                    if (Interlocked.Increment(ref _waiting) > _queueLimit)
                    {
                        Interlocked.Decrement(ref _waiting);
                        return Lease.Refused(TimeSpan.FromMilliseconds(wait));
                    }

                    queued = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (queued)
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fallback.Dispose();
        }

        base.Dispose(disposing);
    }

    private RedisValue[] Arguments(int permitCount) =>
    [
        _capacity,
        _tokensPerMillisecond.ToString("R", CultureInfo.InvariantCulture),
        permitCount,
    ];

    private void LogFallback(Exception ex)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastFallbackLog);
        if (now - last > 60_000 && Interlocked.CompareExchange(ref _lastFallbackLog, now, last) == last)
        {
            _logger.LogWarning(ex, "The shared rate limit {Key} in Redis cannot be reached; limiting in this process until it can", _key.ToString());
        }
    }

    /// <summary>The leases this limiter hands out.</summary>
    private sealed class Lease : RateLimitLease
    {
        private readonly TimeSpan? _retryAfter;

        private Lease(bool acquired, TimeSpan? retryAfter)
        {
            IsAcquired = acquired;
            _retryAfter = retryAfter;
        }

        public static Lease Acquired { get; } = new(true, null);

        public override bool IsAcquired { get; }

        public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static Lease Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (_retryAfter is { } r && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = r;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
