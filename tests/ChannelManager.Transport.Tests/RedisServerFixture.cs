using ChannelManager.Testing;
using StackExchange.Redis;

namespace ChannelManager.Transport.Tests;

/// <summary>One throwaway redis-server per test class, plus a plain client to look into it. Tests use their own streams.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private ConnectionMultiplexer? _redis;

    public RedisTestServer Server { get; private set; } = null!;

    public string ConnectionString => Server.ConnectionString;

    /// <summary>A plain client for assertions (XLEN, XPENDING, …) and for playing a consumer by hand.</summary>
    public IDatabase Db => (_redis ?? throw new InvalidOperationException("not started")).GetDatabase();

    public static string NewStream() => "test_" + Guid.NewGuid().ToString("N")[..12];

    public async ValueTask InitializeAsync()
    {
        Server = await RedisTestServer.StartAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync(Server.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}
