using ChannelManager.Engine.Storage.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChannelManager.Storage.Tests;

public sealed class MaintenanceTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Pruning_deletes_expired_rows_only()
    {
        var ct = TestContext.Current.CancellationToken;
        await db.TruncateAsync("processed_events", "outbox", "webhook_inbox", "sync_logs");
        await db.ExecuteAsync(
            """
            insert into channel_manager.processed_events (event_id, processed_at)
            values (gen_random_uuid(), now() - interval '15 days'), (gen_random_uuid(), now() - interval '13 days');

            insert into channel_manager.outbox (id, tenant_id, event_type, payload, created_at, published_at)
            values (gen_random_uuid(), 't', 'booking.confirmed', '{}', now() - interval '3 days', now() - interval '2 days'),
                   (gen_random_uuid(), 't', 'booking.confirmed', '{}', now() - interval '3 days', now() - interval '1 hour'),
                   (gen_random_uuid(), 't', 'booking.confirmed', '{}', now() - interval '3 days', null);

            insert into channel_manager.webhook_inbox (id, platform, dedupe_key, notification, received_at, next_attempt_at, processed_at)
            values (gen_random_uuid(), 'airbnb', 'old', '{}', now() - interval '40 days', now() - interval '40 days', now() - interval '31 days'),
                   (gen_random_uuid(), 'airbnb', 'recent', '{}', now() - interval '40 days', now() - interval '40 days', now() - interval '29 days'),
                   (gen_random_uuid(), 'airbnb', 'pending', '{}', now() - interval '40 days', now() - interval '40 days', null);

            insert into channel_manager.sync_logs (id, tenant_id, connection_id, operation, attempt, outcome, duration_ms, platform_calls, started_at)
            select gen_random_uuid(), 't', gen_random_uuid(), 'ari_push', 1, 'succeeded', 1, 1, now() - i * interval '1 day'
              from generate_series(85, 95) as i where i <> 90;
            """);

        var options = new PostgresOptions { ConnectionString = db.ConnectionString };
        var maintenance = new PostgresMaintenanceService(db.Context(), Options.Create(options), NullLogger<PostgresMaintenanceService>.Instance);

        Assert.Equal(1 + 1 + 1 + 5, await maintenance.PruneAsync(ct));
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from channel_manager.processed_events"));
        Assert.Equal(2L, await db.ScalarAsync<long>("select count(*) from channel_manager.outbox"));
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from channel_manager.outbox where published_at is null"));
        Assert.Equal(["pending", "recent"], await KeysAsync());
        Assert.Equal(5L, await db.ScalarAsync<long>("select count(*) from channel_manager.sync_logs"));
        Assert.Equal(0, await maintenance.PruneAsync(ct));

        // Sync logs are kept forever when their retention is off.
        await db.ExecuteAsync("update channel_manager.sync_logs set started_at = now() - interval '1000 days'");
        options.SyncLogRetention = null;
        Assert.Equal(0, await maintenance.PruneAsync(ct));
        Assert.Equal(5L, await db.ScalarAsync<long>("select count(*) from channel_manager.sync_logs"));
    }

    private async Task<List<string>> KeysAsync()
    {
        await using var command = db.AdminDataSource.CreateCommand("select dedupe_key from channel_manager.webhook_inbox order by dedupe_key");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var keys = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
