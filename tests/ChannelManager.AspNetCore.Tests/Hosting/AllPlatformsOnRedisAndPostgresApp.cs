using ChannelManager.Testing;
using ChannelManager.AspNetCore.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChannelManager.AspNetCore.Tests.Hosting;

/// <summary>
/// <see cref="AllPlatformsApp"/> on the production path: the bus on Redis Streams and the stores, inbox, processed
/// events and outbox on PostgreSQL, each a real throwaway server started for this fixture.
/// </summary>
public sealed class AllPlatformsOnRedisAndPostgresApp : AllPlatformsApp
{
    private RedisTestServer? _redis;
    private PostgresTestServer? _postgres;
    private string _database = string.Empty;

    /// <inheritdoc />
    protected override async Task StartDependenciesAsync()
    {
        var redis = RedisTestServer.StartAsync();
        var postgres = PostgresTestServer.StartAsync();
        _redis = await redis;
        _postgres = await postgres;
        _database = await _postgres.CreateDatabaseAsync("e2e");
    }

    /// <inheritdoc />
    protected override void ConfigureServices(IChannelManagerBuilder channelManager)
    {
        base.ConfigureServices(channelManager);
        channelManager
            .UseRedisStreams(o =>
            {
                o.ConnectionString = _redis!.ConnectionString;
                o.StreamName = "e2e-" + Guid.NewGuid().ToString("N")[..8];
            })
            .UsePostgres(o =>
            {
                o.ConnectionString = _database;
                o.OutboxPollInterval = TimeSpan.FromMilliseconds(200);
            })
            .UseTokenEncryption(o => o.Keys.Add(TestTokenKeys.Current));
    }

    /// <inheritdoc />
    protected override async ValueTask StopDependenciesAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
