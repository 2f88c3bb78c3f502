using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChannelManager.Engine.Transport.RedisStreams;

/// <summary>
/// The one <see cref="IConnectionMultiplexer"/> of the Redis Streams transport, created on first use from
/// <see cref="RedisStreamsOptions.ConnectionString"/> with <c>abortConnect=false</c>: it connects in the background
/// and keeps reconnecting, so nothing fails to start while Redis is down.
/// </summary>
internal sealed class RedisStreamsConnection : IAsyncDisposable, IDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer;

    public RedisStreamsConnection(IOptions<RedisStreamsOptions> options, ILoggerFactory loggerFactory)
    {
        var o = options.Value;
        _multiplexer = new Lazy<Task<ConnectionMultiplexer>>(
            () =>
            {
                var config = ConfigurationOptions.Parse(o.ConnectionString, ignoreUnknown: true);
                config.AbortOnConnectFail = false;
                config.LoggerFactory ??= loggerFactory;
                config.ClientName ??= "channel-manager-" + o.ConsumerName;
                return ConnectionMultiplexer.ConnectAsync(config);
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The multiplexer (connecting in the background if Redis is not reachable yet).</summary>
    public Task<ConnectionMultiplexer> GetAsync() => _multiplexer.Value;

    /// <summary>The multiplexer, for synchronous resolution from the container.</summary>
    public IConnectionMultiplexer Get() => _multiplexer.Value.GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
        {
            await _multiplexer.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
        {
            _multiplexer.Value.Result.Dispose();
        }
    }
}
