using ChannelManager.Connections;
using ChannelManager.Engine.Storage.PostgreSql;
using ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChannelManager.Storage.Tests;

/// <summary>
/// PostgreSQL row-level security, the second wall between tenants: with two tenants' rows in every tenant table, a
/// statement that forgets its tenant filter still sees and changes only its own tenant's rows; with no scope it
/// sees nothing; the application role can neither write another tenant's row nor switch the policies off; and the
/// store refuses to start as a role that would read past them.
/// </summary>
public sealed class RowLevelSecurityTests(PostgresFixture postgres)
{
    /// <summary>Every table that holds a tenant's rows (V009 puts a policy on each).</summary>
    public static readonly TheoryData<string> TenantTables =
    [
        "channel_connections", "sync_logs", "webhook_inbox", "processed_events", "ledger_bookings", "ledger_nights",
        "dirty_marks", "outbox", "conflicts", "unmapped_reservations",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TenantTables))]
    public async Task A_query_without_a_tenant_filter_returns_only_the_scoped_tenants_rows(string table)
    {
        var (app, _) = await SeededDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(app);
        var sql = $"select coalesce(tenant_id, '(none)') from channel_manager.{table}";

        Assert.Equal(["a", "a"], await ReadAsync(dataSource.CreateCommand(PostgresTenantScope.Tenant("a"), sql)));
        Assert.Equal(["b", "b"], await ReadAsync(dataSource.CreateCommand(PostgresTenantScope.Tenant("b"), sql)));
        Assert.Equal(["a", "a", "b", "b"], await ReadAsync(dataSource.CreateCommand(PostgresTenantScope.AllTenants, sql)));

        // No scope at all (a statement run outside the stores' helpers): nothing.
        await using var unscoped = dataSource.CreateCommand(sql);
        await using var reader = await unscoped.ExecuteReaderAsync(Ct);
        Assert.False(await reader.ReadAsync(Ct));
    }

    [Fact]
    public async Task Unfiltered_writes_under_one_tenant_change_only_that_tenants_rows()
    {
        var (app, admin) = await SeededDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(app);

        await using (var pause = dataSource.CreateCommand(PostgresTenantScope.Tenant("a"), "update channel_manager.channel_connections set status = 'paused'"))
        {
            Assert.Equal(2, await pause.ExecuteNonQueryAsync(Ct));
        }

        await using (var delete = dataSource.CreateCommand(PostgresTenantScope.Tenant("a"), "delete from channel_manager.ledger_bookings"))
        {
            Assert.Equal(2, await delete.ExecuteNonQueryAsync(Ct));
        }

        await using var adminSource = NpgsqlDataSource.Create(admin);
        Assert.Equal(["active", "active", "paused", "paused"], await ReadAsync(adminSource, "select status from channel_manager.channel_connections order by tenant_id desc, status"));
        Assert.Equal(["b", "b"], await ReadAsync(adminSource, "select tenant_id from channel_manager.ledger_bookings"));

        // Moving a row to another tenant, or writing one for another tenant, is refused by the policy's check.
        await using var move = dataSource.CreateCommand(PostgresTenantScope.Tenant("a"), "update channel_manager.sync_logs set tenant_id = 'b'");
        var moved = await Assert.ThrowsAsync<PostgresException>(() => move.ExecuteNonQueryAsync(Ct));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, moved.SqlState);
        await using var insert = dataSource.CreateCommand(
            PostgresTenantScope.Tenant("a"),
            "insert into channel_manager.processed_events (event_id, tenant_id, processed_at) values (gen_random_uuid(), 'b', now())");
        var inserted = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync(Ct));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, inserted.SqlState);
        Assert.Equal(2L, await ScalarAsync<long>(adminSource, "select count(*) from channel_manager.processed_events where tenant_id = 'b'"));
    }

    [Fact]
    public async Task The_scope_does_not_outlive_its_statement_on_a_pooled_connection()
    {
        var (app, _) = await SeededDatabaseAsync();

        // One physical connection: the next statement on it must not inherit the previous statement's tenant.
        await using var dataSource = NpgsqlDataSource.Create(app + ";Maximum Pool Size=1");
        Assert.Equal(["a", "a"], await ReadAsync(dataSource.CreateCommand(PostgresTenantScope.Tenant("a"), "select tenant_id from channel_manager.outbox")));
        Assert.Empty(await ReadAsync(dataSource, "select tenant_id from channel_manager.outbox"));
    }

    [Fact]
    public async Task With_a_separate_owner_the_application_role_cannot_switch_the_policies_off_and_the_store_still_works()
    {
        var owner = await CreateRoleAsync("cm_owner_" + Guid.NewGuid().ToString("N")[..8], "login nosuperuser");
        var appRole = await CreateRoleAsync("cm_app_" + Guid.NewGuid().ToString("N")[..8], "login nosuperuser nobypassrls");
        var ownerDb = await postgres.CreateDatabaseAsync("owned");
        await ExecuteAsSuperuserAsync(ownerDb, $"alter database \"{new NpgsqlConnectionStringBuilder(ownerDb).Database}\" owner to {owner}");
        var ownerConnection = new NpgsqlConnectionStringBuilder(ownerDb) { Username = owner }.ConnectionString;
        var appConnection = new NpgsqlConnectionStringBuilder(ownerDb) { Username = appRole }.ConnectionString;

        // The host migrates as the owner and grants the application's role data access only.
        await using (var host = await PostgresHost.StartAsync(appConnection, postgres: o => o.MigrationsConnectionString = ownerConnection))
        {
            var store = host.Services.GetRequiredService<IChannelConnectionStore>();
            var connection = new ChannelConnection
            {
                Id = Guid.NewGuid(),
                TenantId = "a",
                PropertyId = Guid.NewGuid(),
                Platform = Platform.Airbnb,
                PlatformListingId = "rls-" + Guid.NewGuid().ToString("N")[..8],
                Credentials = new ChannelCredentials("token"),
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
                Version = 1,
            };
            await store.AddAsync(connection, Ct);
            Assert.NotNull(await store.GetAsync("a", connection.Id, Ct));
            Assert.Null(await store.GetAsync("b", connection.Id, Ct));
        }

        await using var dataSource = NpgsqlDataSource.Create(appConnection);
        foreach (var sql in new[]
        {
            "alter table channel_manager.channel_connections disable row level security",
            "alter table channel_manager.channel_connections no force row level security",
            "drop policy tenant_isolation on channel_manager.channel_connections",
        })
        {
            await using var command = dataSource.CreateCommand(sql);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Ct));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        // Asking the server to skip the policies raises an error instead of returning other tenants' rows.
        await using var bypass = dataSource.CreateCommand("set row_security = off; select count(*) from channel_manager.channel_connections");
        var error = await Assert.ThrowsAsync<PostgresException>(() => bypass.ExecuteScalarAsync(Ct));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Theory]
    [InlineData("superuser", "is a superuser")]
    [InlineData("login nosuperuser bypassrls", "has BYPASSRLS")]
    public async Task The_store_does_not_start_as_a_role_that_bypasses_the_policies_unless_told_to(string attributes, string message)
    {
        var role = await CreateRoleAsync("cm_bypass_" + Guid.NewGuid().ToString("N")[..8], attributes == "superuser" ? "login superuser" : attributes);
        var db = await postgres.CreateDatabaseAsync("bypass");
        await ExecuteAsSuperuserAsync(db, $"alter database \"{new NpgsqlConnectionStringBuilder(db).Database}\" owner to {role}");
        var connectionString = new NpgsqlConnectionStringBuilder(db) { Username = role }.ConnectionString;

        using (var refused = PostgresHost.Build(connectionString))
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => refused.StartAsync(Ct));
            Assert.Contains(message, ex.Message, StringComparison.Ordinal);
            Assert.Contains("AllowRowLevelSecurityBypass", ex.Message, StringComparison.Ordinal);
        }

        await using var allowed = await PostgresHost.StartAsync(connectionString, postgres: o => o.AllowRowLevelSecurityBypass = true);
        Assert.NotNull(allowed.Services.GetRequiredService<IChannelConnectionStore>());
    }

    [Fact]
    public async Task The_store_does_not_start_when_a_tenant_table_has_lost_its_policy_enforcement()
    {
        var db = await postgres.CreateMigratedDatabaseAsync("lost");
        await ExecuteAsSuperuserAsync(db, "alter table channel_manager.conflicts no force row level security");

        using var host = PostgresHost.Build(db);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Ct));
        Assert.Contains("conflicts", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A migrated database with two rows of tenant "a" and two of tenant "b" in every tenant table (written as the superuser).</summary>
    private async Task<(string App, string Admin)> SeededDatabaseAsync()
    {
        var app = await postgres.CreateMigratedDatabaseAsync("rls");
        var admin = postgres.Server.SuperuserConnectionString(app);
        const string Seed =
            """
            insert into channel_manager.channel_connections (id, tenant_id, property_id, platform, platform_listing_id, status, credentials, created_at, updated_at, version)
            select gen_random_uuid(), t, gen_random_uuid(), 'airbnb', t || i, 'active', '{}', now(), now(), 1 from tenants;
            insert into channel_manager.sync_logs (id, tenant_id, connection_id, operation, attempt, outcome, duration_ms, platform_calls, started_at)
            select gen_random_uuid(), t, gen_random_uuid(), 'push', 1, 'succeeded', 1, 1, now() from tenants;
            insert into channel_manager.webhook_inbox (id, tenant_id, platform, dedupe_key, notification, received_at, next_attempt_at)
            select gen_random_uuid(), t, 'airbnb', t || i, '{}', now(), now() from tenants;
            insert into channel_manager.processed_events (event_id, tenant_id, processed_at)
            select gen_random_uuid(), t, now() from tenants;
            insert into channel_manager.ledger_bookings (tenant_id, booking_id, property_id, stay_start, stay_end, units, status, source, version, updated_at)
            select t, 'b' || i, gen_random_uuid(), date '2030-01-01', date '2030-01-03', 1, 'confirmed', 'pms', 1, now() from tenants;
            insert into channel_manager.ledger_nights (tenant_id, property_id, night)
            select t, gen_random_uuid(), date '2030-01-01' from tenants;
            insert into channel_manager.dirty_marks (tenant_id, connection_id, range_start, range_end, scope, trigger)
            select t, gen_random_uuid(), date '2030-01-01', date '2030-01-02', 1, 'test' from tenants;
            insert into channel_manager.outbox (id, tenant_id, event_type, payload)
            select gen_random_uuid(), t, 'booking.confirmed', '{}' from tenants;
            insert into channel_manager.conflicts (id, tenant_id, property_id, booking_id, stay_start, stay_end, units, detected_at)
            select gen_random_uuid(), t, gen_random_uuid(), 'b' || i, date '2030-01-01', date '2030-01-02', 1, now() from tenants;
            insert into channel_manager.unmapped_reservations (id, platform, listing_id, dedupe_key, source, tenant_id, state, first_seen_at, last_seen_at, times_seen)
            select gen_random_uuid(), 'airbnb', t || i, t || i, 'webhook', t, 'open', now(), now(), 1 from tenants;
            """;
        var statements = Seed.Split(";", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => "with tenants(t, i) as (values ('a', 1), ('a', 2), ('b', 1), ('b', 2)) " + s);
        await ExecuteAsSuperuserAsync(app, string.Join(";\n", statements));
        return (app, admin);
    }

    private async Task<string> CreateRoleAsync(string name, string attributes)
    {
        await ExecuteAsSuperuserAsync(postgres.Server.ConnectionString(), $"create role {name} {attributes}");
        return name;
    }

    private async Task ExecuteAsSuperuserAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.Server.SuperuserConnectionString(connectionString) + ";Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<List<string>> ReadAsync(PostgresScopedCommand command)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(Ct);
            var values = new List<string>();
            while (await reader.ReadAsync(Ct))
            {
                values.Add(reader.GetString(0));
            }

            values.Sort(StringComparer.Ordinal);
            return values;
        }
    }

    private static async Task<List<string>> ReadAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
