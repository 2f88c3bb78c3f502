using System.Globalization;
using ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// Applies ChannelManager's versioned SQL migrations to a schema. Idempotent (applied versions are recorded in
/// <c>schema_migrations</c> and skipped) and safe when several processes start at once (the whole run holds a
/// PostgreSQL advisory lock, so the others wait and then find nothing to do). Each migration runs in its own
/// transaction together with its <c>schema_migrations</c> row. An applied migration whose text has changed since is
/// a start-up error. <c>UsePostgres</c> runs this on start unless <see cref="PostgresOptions.ApplyMigrationsOnStart"/>
/// is off; hosts can also run it as a separate deployment step.
/// </summary>
public static class PostgresMigrator
{
    /// <summary>Applies the pending migrations.</summary>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="schema">The schema (default <c>channel_manager</c>).</param>
    /// <param name="logger">Where to log the migrations applied.</param>
    /// <param name="cancellationToken">Cancels the run (a migration in progress is rolled back).</param>
    /// <returns>The versions this call applied, in order (empty when the schema was up to date).</returns>
    /// <exception cref="InvalidOperationException">An applied migration was changed since (checksum mismatch).</exception>
    public static async Task<IReadOnlyList<int>> MigrateAsync(string connectionString, string schema = PostgresOptions.DefaultSchema, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await MigrateAsync(dataSource, schema, logger, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies the pending migrations.</summary>
    /// <param name="dataSource">Where to connect.</param>
    /// <param name="schema">The schema (default <c>channel_manager</c>).</param>
    /// <param name="logger">Where to log the migrations applied.</param>
    /// <param name="cancellationToken">Cancels the run (a migration in progress is rolled back).</param>
    /// <returns>The versions this call applied, in order (empty when the schema was up to date).</returns>
    /// <exception cref="InvalidOperationException">An applied migration was changed since (checksum mismatch).</exception>
    public static async Task<IReadOnlyList<int>> MigrateAsync(NpgsqlDataSource dataSource, string schema = PostgresOptions.DefaultSchema, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var quoted = PostgresSchemaName.Quote(schema);
        logger ??= NullLogger.Instance;
        var lockKey = PostgresAdvisoryLocks.Key(schema);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var take = new NpgsqlCommand("select pg_advisory_lock(@class, @key)", connection))
        {
            // Wait as long as another process needs to finish its run (cancellable).
            take.CommandTimeout = 0;
            take.Parameters.AddValue("class", PostgresAdvisoryLocks.Migrations).AddValue("key", lockKey);
            await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await MigrateLockedAsync(connection, schema, quoted, logger, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await using var release = new NpgsqlCommand("select pg_advisory_unlock(@class, @key)", connection);
                release.Parameters.AddValue("class", PostgresAdvisoryLocks.Migrations).AddValue("key", lockKey);
                await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The connection is gone, and with it the session's lock.
            }
        }
    }

    /// <summary>
    /// Grants a role the data privileges the stores need on every table of the schema — usage of the schema and its
    /// sequences, select, insert, update and delete — and nothing more: not the ownership that could alter a table
    /// or switch its row-level security off. Run as the schema's owner after <see cref="MigrateAsync(NpgsqlDataSource, string, ILogger?, CancellationToken)"/>.
    /// </summary>
    /// <param name="dataSource">A data source connecting as the schema's owner.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="role">The application's role.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the grants are made.</returns>
    public static async Task GrantDataAccessAsync(NpgsqlDataSource dataSource, string schema, string role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrEmpty(role);
        var quoted = PostgresSchemaName.Quote(schema);
        var grantee = "\"" + role.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var grant = dataSource.CreateCommand(
            $"""
            grant usage on schema {quoted} to {grantee};
            grant select, insert, update, delete on all tables in schema {quoted} to {grantee};
            grant usage, select on all sequences in schema {quoted} to {grantee};
            """);
        await grant.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<int>> MigrateLockedAsync(NpgsqlConnection connection, string schema, string quoted, ILogger logger, CancellationToken cancellationToken)
    {
        await using (var init = new NpgsqlCommand(
            $"""
            create schema if not exists {quoted};
            create table if not exists {quoted}.schema_migrations (
                version    integer     not null primary key,
                name       text        not null,
                applied_at timestamptz not null default now(),
                checksum   text        not null
            );
            """,
            connection))
        {
            await init.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var applied = new Dictionary<int, (string Name, string Checksum)>();
        await using (var read = new NpgsqlCommand($"select version, name, checksum from {quoted}.schema_migrations", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }

        foreach (var m in PostgresMigration.All)
        {
            if (applied.TryGetValue(m.Version, out var done) && done.Checksum != m.Checksum)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"PostgreSQL migration V{m.Version:D3} ({done.Name}) in schema '{schema}' was changed after it was applied: its checksum is {done.Checksum} in schema_migrations but {m.Checksum} in this build. Applied migrations must never be edited; restore the original file and put the change in a new migration."));
            }
        }

        var newlyApplied = new List<int>();
        foreach (var m in PostgresMigration.All)
        {
            if (applied.ContainsKey(m.Version))
            {
                continue;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // A migration that rewrites rows must see every tenant's under row-level security (V009).
            await transaction.SetScopeAsync(PostgresTenantScope.AllTenants, cancellationToken).ConfigureAwait(false);
            await using (var script = new NpgsqlCommand(m.ScriptFor(quoted), connection, transaction))
            {
                script.CommandTimeout = 0;
                await script.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var record = new NpgsqlCommand($"insert into {quoted}.schema_migrations (version, name, checksum) values (@version, @name, @checksum)", connection, transaction))
            {
                record.Parameters.AddValue("version", m.Version).AddValue("name", m.Name).AddValue("checksum", m.Checksum);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            newlyApplied.Add(m.Version);
            logger.LogInformation("Applied PostgreSQL migration V{Version:D3} ({Name}) to schema {Schema}", m.Version, m.Name, schema);
        }

        return newlyApplied;
    }
}
