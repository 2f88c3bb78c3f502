using ChannelManager.Testing;
using ChannelManager.Connections;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Engine.Storage.PostgreSql;
using ChannelManager.Engine.Storage.PostgreSql.Outbox;
using ChannelManager.Events;
using ChannelManager.Inventory;
using ChannelManager.Sync;
using ChannelManager.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChannelManager.Storage.Tests;

public sealed class RegistrationTests
{
    private const string ConnectionString = "Host=127.0.0.1;Port=1;Username=u;Database=d";

    [Fact]
    public void UsePostgres_replaces_every_in_memory_store_and_registers_one_data_source()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddChannelManager().UsePostgres(o => o.ConnectionString = ConnectionString).UseTokenEncryption(o => o.Keys.Add(TestTokenKeys.Current));
        using var sp = services.BuildServiceProvider();

        Assert.IsType<PostgresChannelConnectionStore>(sp.GetRequiredService<IChannelConnectionStore>());
        Assert.IsType<PostgresSyncLogStore>(sp.GetRequiredService<ISyncLogStore>());
        Assert.IsType<PostgresWebhookInbox>(sp.GetRequiredService<IWebhookInbox>());
        Assert.IsType<PostgresProcessedEventStore>(sp.GetRequiredService<IProcessedEventStore>());
        Assert.IsType<PostgresInventoryLedger>(sp.GetRequiredService<IInventoryLedger>());
        Assert.IsType<PostgresDirtyRangeStore>(sp.GetRequiredService<IDirtyRangeStore>());
        Assert.Single(services, d => d.ServiceType == typeof(IInventoryLedger));
        Assert.Same(sp.GetRequiredKeyedService<NpgsqlDataSource>(PostgresServiceKeys.DataSource), sp.GetRequiredKeyedService<NpgsqlDataSource>(PostgresServiceKeys.DataSource));
        Assert.NotNull(sp.GetRequiredService<PostgresEventOutbox>());

        // The hosted services: migrations, the outbox listener and relay, pruning.
        var hosted = sp.GetServices<IHostedService>().Select(h => h.GetType()).ToList();
        Assert.Contains(typeof(PostgresMigrationHostedService), hosted);
        Assert.Contains(typeof(OutboxRelay), hosted);
        Assert.Contains(typeof(OutboxListener), hosted);
        Assert.Contains(typeof(PostgresMaintenanceService), hosted);
    }

    [Fact]
    public void Calling_UsePostgres_twice_registers_the_services_once_and_the_last_settings_win()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddChannelManager().UsePostgres(o => o.ConnectionString = ConnectionString).UseTokenEncryption(o => o.Keys.Add(TestTokenKeys.Current)).UsePostgres(o => o.Schema = "second");
        using var sp = services.BuildServiceProvider();

        Assert.Single(sp.GetServices<IHostedService>(), h => h is OutboxRelay);
        Assert.Single(services, d => d.ServiceType == typeof(IProcessedEventStore));
        var options = sp.GetRequiredService<IOptions<PostgresOptions>>().Value;
        Assert.Equal(("second", ConnectionString), (options.Schema, options.ConnectionString));
    }

    [Fact]
    public void Postgres_wins_over_the_redis_streams_store_whether_it_is_registered_before_or_after()
    {
        var before = new ServiceCollection();
        before.AddLogging();
        before.AddChannelManager().UseRedisStreams(o => o.ConnectionString = "127.0.0.1:1").UsePostgres(o => o.ConnectionString = ConnectionString).UseTokenEncryption(o => o.Keys.Add(TestTokenKeys.Current));

        var after = new ServiceCollection();
        after.AddLogging();
        after.AddChannelManager().UsePostgres(o => o.ConnectionString = ConnectionString).UseTokenEncryption(o => o.Keys.Add(TestTokenKeys.Current)).UseRedisStreams(o => o.ConnectionString = "127.0.0.1:1");

        var redisOnly = new ServiceCollection();
        redisOnly.AddLogging();
        redisOnly.AddChannelManager().UseRedisStreams(o => o.ConnectionString = "127.0.0.1:1");

        using var spBefore = before.BuildServiceProvider();
        using var spAfter = after.BuildServiceProvider();
        using var spRedis = redisOnly.BuildServiceProvider();
        Assert.IsType<PostgresProcessedEventStore>(spBefore.GetRequiredService<IProcessedEventStore>());
        Assert.IsType<PostgresProcessedEventStore>(spAfter.GetRequiredService<IProcessedEventStore>());
        Assert.Single(before, d => d.ServiceType == typeof(IProcessedEventStore));
        Assert.Single(after, d => d.ServiceType == typeof(IProcessedEventStore));

        // Without PostgreSQL the transport's own store is used: the check above is not vacuous.
        Assert.IsNotType<InMemoryProcessedEventStore>(spRedis.GetRequiredService<IProcessedEventStore>());
        Assert.IsNotType<PostgresProcessedEventStore>(spRedis.GetRequiredService<IProcessedEventStore>());
    }

    [Theory]
    [InlineData("", "channel_manager", 100, "ConnectionString is required")]
    [InlineData("Host=x;Bogus Keyword=1", "channel_manager", 100, "not a valid Npgsql connection string")]
    [InlineData(ConnectionString, "Channel-Manager", 100, "not a valid schema name")]
    [InlineData(ConnectionString, "pg_catalog", 100, "not a valid schema name")]
    [InlineData(ConnectionString, "x\"; drop schema public; --", 100, "not a valid schema name")]
    [InlineData(ConnectionString, "channel_manager", 0, "OutboxBatchSize")]
    public async Task Invalid_settings_stop_the_host_from_starting(string connectionString, string schema, int batchSize, string message)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddChannelManager().UsePostgres(o =>
        {
            o.ConnectionString = connectionString;
            o.Schema = schema;
            o.OutboxBatchSize = batchSize;
        }).UseTokenEncryption(o => o.Keys.Add(TestTokenKeys.Current));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_positive_intervals_are_refused()
    {
        var result = new PostgresOptionsValidator().Validate(null, new PostgresOptions
        {
            ConnectionString = ConnectionString,
            OutboxPollInterval = TimeSpan.Zero,
            ProcessedEventRetention = TimeSpan.FromDays(-1),
            SyncLogRetention = TimeSpan.Zero,
        });
        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
        Assert.True(new PostgresOptionsValidator().Validate(null, new PostgresOptions { ConnectionString = ConnectionString, SyncLogRetention = null }).Succeeded);
    }
}
