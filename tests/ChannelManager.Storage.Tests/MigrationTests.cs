using ChannelManager.Engine.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ChannelManager.Storage.Tests;

public sealed class MigrationTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fresh_database_gets_every_migration_once_and_a_second_run_applies_nothing()
    {
        var cs = await postgres.CreateDatabaseAsync("m");
        var all = PostgresMigration.All.Select(m => m.Version).ToList();
        Assert.NotEmpty(all);

        Assert.Equal(all, await PostgresMigrator.MigrateAsync(cs, cancellationToken: Ct));
        Assert.Empty(await PostgresMigrator.MigrateAsync(cs, cancellationToken: Ct));

        await using var ds = NpgsqlDataSource.Create(postgres.Server.SuperuserConnectionString(cs));
        Assert.Equal(all, await ReadVersionsAsync(ds, "channel_manager"));
        await using var tables = ds.CreateCommand("select count(*) from information_schema.tables where table_schema = 'channel_manager'");
        // channel_connections, sync_logs, webhook_inbox, processed_events, ledger_bookings, ledger_nights, dirty_marks, outbox,
        // conflicts, unmapped_reservations, schema_migrations
        Assert.Equal(11L, await tables.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task V006_rewrites_booking_com_connections_stored_with_the_hotel_alone_to_hotel_colon_room()
    {
        var cs = await postgres.CreateDatabaseAsync("m");
        await PostgresMigrator.MigrateAsync(cs, cancellationToken: Ct);
        await using var ds = NpgsqlDataSource.Create(postgres.Server.SuperuserConnectionString(cs));

        // Rows as an older build stored them, then V006 run (again) over them.
        await using (var insert = ds.CreateCommand(
            """
            insert into channel_manager.channel_connections (id, tenant_id, property_id, platform, platform_listing_id, status, credentials, platform_metadata, created_at, updated_at, version)
            values (gen_random_uuid(), 't', gen_random_uuid(), 'booking_com', '1234567', 'active', '{}', '{"room_id": "123456701", "rate_plan_id": "9"}', now(), now(), 1),
                   (gen_random_uuid(), 't', gen_random_uuid(), 'booking_com', '7654321', 'active', '{}', '{}', now(), now(), 1),
                   (gen_random_uuid(), 't', gen_random_uuid(), 'airbnb', '555', 'active', '{}', '{"room_id": "1"}', now(), now(), 1);
            delete from channel_manager.schema_migrations where version = 6;
            """))
        {
            await insert.ExecuteNonQueryAsync(Ct);
        }

        Assert.Equal([6], await PostgresMigrator.MigrateAsync(cs, cancellationToken: Ct));

        await using var read = ds.CreateCommand("select platform_listing_id from channel_manager.channel_connections order by platform_listing_id");
        var listings = new List<string>();
        await using (var reader = await read.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                listings.Add(reader.GetString(0));
            }
        }

        // Without a room_id there is nothing to rewrite to: the connection stays, and its pushes name the missing room.
        Assert.Equal(["1234567:123456701", "555", "7654321"], listings);
    }

    [Fact]
    public async Task V007_rewrites_expedia_connections_stored_with_the_property_alone_to_property_colon_room_type()
    {
        var cs = await postgres.CreateDatabaseAsync("m");
        await PostgresMigrator.MigrateAsync(cs, cancellationToken: Ct);
        await using var ds = NpgsqlDataSource.Create(postgres.Server.SuperuserConnectionString(cs));

        // Rows as an older build stored them, then V007 run (again) over them.
        await using (var insert = ds.CreateCommand(
            """
            insert into channel_manager.channel_connections (id, tenant_id, property_id, platform, platform_listing_id, status, credentials, platform_metadata, created_at, updated_at, version)
            values (gen_random_uuid(), 't', gen_random_uuid(), 'expedia', '3456789', 'active', '{}', '{"room_type_id": "201357", "rate_plan_id": "201547528A"}', now(), now(), 1),
                   (gen_random_uuid(), 't', gen_random_uuid(), 'expedia', '9876543', 'active', '{}', '{"rate_plan_id": "1A"}', now(), now(), 1),
                   (gen_random_uuid(), 't', gen_random_uuid(), 'expedia', '4567890:200154', 'active', '{}', '{"room_type_id": "200154"}', now(), now(), 1),
                   (gen_random_uuid(), 't', gen_random_uuid(), 'booking_com', '2345678', 'active', '{}', '{"room_type_id": "1"}', now(), now(), 1);
            delete from channel_manager.schema_migrations where version = 7;
            """))
        {
            await insert.ExecuteNonQueryAsync(Ct);
        }

        Assert.Equal([7], await PostgresMigrator.MigrateAsync(cs, cancellationToken: Ct));

        await using var read = ds.CreateCommand("select platform_listing_id from channel_manager.channel_connections order by platform_listing_id");
        var listings = new List<string>();
        await using (var reader = await read.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                listings.Add(reader.GetString(0));
            }
        }

        // Without a room_type_id there is nothing to rewrite to; a row already in the new form and other platforms stay.
        Assert.Equal(["2345678", "3456789:201357", "4567890:200154", "9876543"], listings);
    }

    [Fact]
    public async Task Runners_started_at_once_all_succeed_and_apply_each_migration_once()
    {
        var cs = await postgres.CreateDatabaseAsync("m");
        var sources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(cs)).ToList();
        try
        {
            using var start = new SemaphoreSlim(0);
            var runs = sources.Select(ds => Task.Run(async () =>
            {
                await start.WaitAsync(Ct);
                return await PostgresMigrator.MigrateAsync(ds, cancellationToken: Ct);
            })).ToList();
            start.Release(runs.Count);
            var applied = await Task.WhenAll(runs);

            // Exactly one runner applied everything (they serialise on the advisory lock); the others found nothing to do.
            Assert.Equal(PostgresMigration.All.Select(m => m.Version), applied.SelectMany(a => a).Order());
            Assert.Single(applied, a => a.Count > 0);
            Assert.Equal(PostgresMigration.All.Select(m => m.Version), await ReadVersionsAsync(sources[0], "channel_manager"));
        }
        finally
        {
            foreach (var ds in sources)
            {
                await ds.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task An_applied_migration_that_changed_stops_the_start_with_a_clear_message()
    {
        var cs = await postgres.CreateMigratedDatabaseAsync("m");
        await using (var ds = NpgsqlDataSource.Create(postgres.Server.SuperuserConnectionString(cs)))
        await using (var tamper = ds.CreateCommand("update channel_manager.schema_migrations set checksum = 'deadbeef' where version = 1"))
        {
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync(Ct));
        }

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresMigrator.MigrateAsync(cs, cancellationToken: Ct));
        Assert.Contains("V001", ex.Message, StringComparison.Ordinal);
        Assert.Contains("was changed after it was applied", ex.Message, StringComparison.Ordinal);
        Assert.Contains("deadbeef", ex.Message, StringComparison.Ordinal);
        Assert.Contains(PostgresMigration.All[0].Checksum, ex.Message, StringComparison.Ordinal);

        // The host does not start on such a schema.
        using var host = PostgresHost.Build(cs);
        var startError = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));
        Assert.Contains("was changed after it was applied", startError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_migrates_before_any_other_hosted_service_starts()
    {
        var cs = await postgres.CreateDatabaseAsync("m");
        var probe = new TableProbe(cs);
        // Registered first, so it would start first if migrations ran in StartAsync like any hosted service.
        await using var host = await PostgresHost.StartAsync(cs, services: s => s.Insert(0, ServiceDescriptor.Singleton<IHostedService>(probe)));

        Assert.Equal(0L, probe.ConnectionsAtStart);
    }

    [Fact]
    public async Task With_migrations_off_the_host_leaves_the_database_alone()
    {
        var cs = await postgres.CreateDatabaseAsync("m");
        await using (var host = await PostgresHost.StartAsync(cs, postgres: o => o.ApplyMigrationsOnStart = false))
        {
        }

        await using var ds = NpgsqlDataSource.Create(postgres.Server.SuperuserConnectionString(cs));
        await using var schema = ds.CreateCommand("select count(*) from information_schema.schemata where schema_name = 'channel_manager'");
        Assert.Equal(0L, await schema.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task A_custom_schema_gets_its_own_tables_and_history()
    {
        var cs = await postgres.CreateMigratedDatabaseAsync("m");
        await using var ds = NpgsqlDataSource.Create(postgres.Server.SuperuserConnectionString(cs));
        Assert.Equal(PostgresMigration.All.Select(m => m.Version), await PostgresMigrator.MigrateAsync(ds, "tenant_area_2", cancellationToken: Ct));

        var store = new PostgresProcessedEventStore(new PostgresStoreContext(ds, "tenant_area_2", TimeProvider.System));
        var id = Guid.NewGuid();
        Assert.True(await store.MarkProcessedAsync(id, Ct));
        await using var elsewhere = ds.CreateCommand("select count(*) from channel_manager.processed_events");
        Assert.Equal(0L, await elsewhere.ExecuteScalarAsync(Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => PostgresMigrator.MigrateAsync(ds, "Robert'); drop table x;--", cancellationToken: Ct));
    }

    private static async Task<List<int>> ReadVersionsAsync(NpgsqlDataSource ds, string schema)
    {
        await using var command = ds.CreateCommand($"select version from {schema}.schema_migrations order by version");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var versions = new List<int>();
        while (await reader.ReadAsync(Ct))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    /// <summary>A hosted service that reads a ChannelManager table as soon as it starts.</summary>
    private sealed class TableProbe(string connectionString) : IHostedService
    {
        public long? ConnectionsAtStart { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var ds = NpgsqlDataSource.Create(connectionString);
            await using var command = ds.CreateCommand("select count(*) from channel_manager.channel_connections");
            ConnectionsAtStart = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
