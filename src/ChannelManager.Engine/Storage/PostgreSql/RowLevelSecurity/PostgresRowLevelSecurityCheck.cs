using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;

/// <summary>
/// Checked at start-up, after the migrations: the tenant isolation policies actually bind this process. Every table
/// of the schema with a <c>tenant_id</c> column must have row-level security enabled and forced, and the role the
/// store connects as must be neither a superuser nor <c>BYPASSRLS</c> (both read past every policy). A failure stops
/// the host with a message that says what to change, unless <see cref="PostgresOptions.AllowRowLevelSecurityBypass"/>
/// accepts a bypassing role.
/// </summary>
internal static class PostgresRowLevelSecurityCheck
{
    public static async Task EnsureEnforcedAsync(NpgsqlDataSource dataSource, PostgresOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var tables = new NpgsqlCommand(
            """
            select c.relname from pg_class c
              join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = @schema and c.relkind in ('r', 'p')
               and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
               and not (c.relrowsecurity and c.relforcerowsecurity)
             order by c.relname
            """,
            connection))
        {
            tables.Parameters.AddValue("schema", options.Schema);
            var unprotected = new List<string>();
            await using (var reader = await tables.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    unprotected.Add(reader.GetString(0));
                }
            }

            if (unprotected.Count > 0)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Row-level security is not enabled and forced on {string.Join(", ", unprotected)} in schema '{options.Schema}'. Apply the migrations (V009 and later) before starting, and never disable the tenant isolation policies."));
            }
        }

        var (name, bypass, owns) = await ReadRoleAsync(connection, options.Schema, cancellationToken).ConfigureAwait(false);
        if (bypass is null)
        {
            if (owns)
            {
                logger.LogWarning(
                    "The PostgreSQL role {Role} owns the tables of schema {Schema}: row-level security binds it, but as their owner it could switch it off. Run migrations as a separate owner role (Postgres:MigrationsConnectionString) and connect as a role with data privileges only",
                    name,
                    options.Schema);
            }

            return;
        }

        if (options.AllowRowLevelSecurityBypass)
        {
            logger.LogWarning(
                "The PostgreSQL role {Role} {Why}: the tenant isolation policies do not apply to this process (AllowRowLevelSecurityBypass is on)",
                name,
                bypass);
            return;
        }

        throw new InvalidOperationException(string.Create(
            CultureInfo.InvariantCulture,
            $"The PostgreSQL role '{name}' {bypass}, so the tenant isolation policies (row-level security) would not apply to it. Connect as an ordinary role (see docs/postgresql.md), or set ChannelManager:Postgres:AllowRowLevelSecurityBypass=true for a database that holds a single tenant."));
    }

    /// <summary>The current role, why it bypasses row-level security (null when it does not), and whether it owns a tenant table.</summary>
    private static async Task<(string Name, string? Bypass, bool OwnsTenantTables)> ReadRoleAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var role = new NpgsqlCommand(
            """
            select current_user, r.rolsuper, r.rolbypassrls,
                   exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                            where n.nspname = @schema and c.relowner = r.oid and c.relrowsecurity)
              from pg_roles r where r.rolname = current_user
            """,
            connection);
        role.Parameters.AddValue("schema", schema);
        await using var reader = await role.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return (string.Empty, null, false);
        }

        var why = reader.GetBoolean(1) ? "is a superuser" : reader.GetBoolean(2) ? "has BYPASSRLS" : null;
        return (reader.GetString(0), why, reader.GetBoolean(3));
    }
}
