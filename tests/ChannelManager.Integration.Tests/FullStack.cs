using ChannelManager.Adapters;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Integration.Tests;

/// <summary>A redis-server and a PostgreSQL cluster of its own, and hosts running the whole engine against them.</summary>
public sealed class FullStack : IAsyncLifetime
{
    public RedisTestServer Redis { get; private set; } = null!;

    public PostgresTestServer Postgres { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var redis = RedisTestServer.StartAsync();
        var postgres = PostgresTestServer.StartAsync();
        Redis = await redis;
        Postgres = await postgres;
    }

    public async ValueTask DisposeAsync()
    {
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public Task<string> NewDatabaseAsync() => Postgres.CreateDatabaseAsync("it");

    /// <summary>Starts a host: engine + Redis Streams + PostgreSQL, with the given adapter.</summary>
    public async Task<IHost> StartHostAsync(string database, string stream, string consumer, IChannelAdapter adapter, Action<IServiceCollection>? afterRegistration = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services
            .AddChannelManager(o =>
            {
                o.DispatchRetryBaseDelay = TimeSpan.FromMilliseconds(50);
                o.DefaultResilience.RetryBaseDelay = TimeSpan.FromMilliseconds(5);

                // These tests count what reaches the platform, not how pushes are paced: no push budget.
                o.DefaultResilience.AriPushBudget = 0;
            })
            .UseRedisStreams(o =>
            {
                o.ConnectionString = Redis.ConnectionString;
                o.StreamName = stream;
                o.ConsumerName = consumer;
                o.ClaimMinIdleTime = TimeSpan.FromSeconds(2);
                o.ClaimInterval = TimeSpan.FromMilliseconds(500);
            })
            .UsePostgres(o =>
            {
                o.ConnectionString = database;
                o.OutboxRedeliveryTimeout = TimeSpan.FromSeconds(3);
                o.OutboxPollInterval = TimeSpan.FromMilliseconds(200);
            })
            .UseTokenEncryption(o => o.Keys.Add(TestTokenKeys.Current));
        builder.Services.AddSingleton(adapter);
        afterRegistration?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
