using System.Collections.Concurrent;
using System.Globalization;
using ChannelManager.Connections;
using ChannelManager.Engine.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChannelManager.Engine.Transport.RedisStreams;

/// <summary>
/// Circuit openings shared by every process on the same stream. An opening is written to
/// <c>{StreamName}:circuit:{platform}</c> with the break as its expiry (so a process that starts during a break learns
/// of it) and published on <c>{StreamName}:circuit</c> as <c>{platform}|{remaining ms}|{instance}</c>; each process
/// keeps the ends of breaks it heard of in memory, so the gate in front of every call reads no Redis. Remaining
/// durations rather than instants travel, so clocks need not agree. While Redis is unreachable nothing is shared and
/// each process's own breaker still protects the platform.
/// </summary>
internal sealed class RedisPlatformCircuitStateShare : IPlatformCircuitStateShare, IDisposable
{
    private readonly RedisStreamsConnection _connection;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisPlatformCircuitStateShare> _logger;
    private readonly string _keyPrefix;
    private readonly RedisChannel _channel;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<Platform, DateTimeOffset> _openUntil = new();
    private readonly Action<RedisChannel, RedisValue> _handler;
    private int _started;
    private ISubscriber? _subscriber;

    public RedisPlatformCircuitStateShare(RedisStreamsConnection connection, IOptions<RedisStreamsOptions> options, TimeProvider time, ILogger<RedisPlatformCircuitStateShare> logger)
    {
        _connection = connection;
        _time = time;
        _logger = logger;
        _keyPrefix = options.Value.StreamName + ":circuit:";
        _channel = RedisChannel.Literal(options.Value.StreamName + ":circuit");
        _handler = (_, message) => OnMessage(message);
    }

    public void ReportOpened(Platform platform, DateTimeOffset openUntil)
    {
        EnsureStarted();
        var remaining = openUntil - _time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }

        _ = PublishAsync(platform, remaining);
    }

    public DateTimeOffset? GetOpenUntil(Platform platform)
    {
        EnsureStarted();
        return _openUntil.TryGetValue(platform, out var until) && until > _time.GetUtcNow() ? until : null;
    }

    public void Dispose()
    {
        try
        {
            _subscriber?.Unsubscribe(_channel, _handler, CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Shutting down while Redis is unreachable: nothing to unsubscribe from.
        }
    }

    private void EnsureStarted()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = StartAsync();
        }
    }

    private async Task StartAsync()
    {
        try
        {
            var multiplexer = await _connection.GetAsync().ConfigureAwait(false);
            _subscriber = multiplexer.GetSubscriber();
            await _subscriber.SubscribeAsync(_channel, _handler).ConfigureAwait(false);

            // Breaks reported before this process subscribed.
            var db = multiplexer.GetDatabase();
            foreach (var platform in Enum.GetValues<Platform>())
            {
                if (await db.KeyTimeToLiveAsync(_keyPrefix + platform.ToWireName()).ConfigureAwait(false) is { } ttl && ttl > TimeSpan.Zero)
                {
                    Remember(platform, ttl);
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            _logger.LogWarning(ex, "Could not subscribe to circuit openings of other worker processes; retrying on the next report");
            Volatile.Write(ref _started, 0);
        }
    }

    private async Task PublishAsync(Platform platform, TimeSpan remaining)
    {
        try
        {
            var multiplexer = await _connection.GetAsync().ConfigureAwait(false);
            var db = multiplexer.GetDatabase();
            var ms = ((long)Math.Ceiling(remaining.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
            await db.StringSetAsync(_keyPrefix + platform.ToWireName(), ms, remaining).ConfigureAwait(false);
            await db.PublishAsync(_channel, $"{platform.ToWireName()}|{ms}|{_instance}").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            _logger.LogWarning(ex, "Could not share the opening of the {Platform} circuit with other worker processes", platform.ToWireName());
        }
    }

    private void OnMessage(RedisValue message)
    {
        var parts = message.ToString().Split('|');
        if (parts.Length != 3
            || parts[2] == _instance
            || !PlatformNames.TryParse(parts[0], out var platform)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || ms <= 0 || ms > (long)TimeSpan.FromDays(1).TotalMilliseconds)
        {
            return;
        }

        Remember(platform, TimeSpan.FromMilliseconds(ms));
        _logger.LogWarning("Another worker process opened the {Platform} circuit for {Duration}; calls from this process pause too", platform.ToWireName(), TimeSpan.FromMilliseconds(ms));
    }

    private void Remember(Platform platform, TimeSpan remaining)
    {
        var until = _time.GetUtcNow() + remaining;
        _openUntil.AddOrUpdate(platform, until, (_, existing) => existing > until ? existing : until);
    }
}
