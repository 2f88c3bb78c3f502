using ChannelManager.Common;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;
using ChannelManager.Inventory;
using ChannelManager.Sync;
using Npgsql;
using NpgsqlTypes;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// Sync logs in PostgreSQL: a connection's rows newest first, paged by the <c>(started_at, id)</c> keyset (descending,
/// served by the <c>ix_sync_logs_keyset</c> index however deep the cursor) or by offset. Appending a row twice (a
/// retried call) stores it once (the keyset index is unique). Rows older than <see cref="PostgresOptions.SyncLogRetention"/> are pruned.
/// </summary>
internal sealed class PostgresSyncLogStore : ISyncLogStore
{
    private const string Columns =
        "id, tenant_id, connection_id, operation, trigger, range_start, range_end, attempt, outcome, duration_ms, platform_calls, error, started_at, details";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;

    public PostgresSyncLogStore(PostgresStoreContext context)
    {
        _dataSource = context.DataSource;
        _table = context.Table("sync_logs");
    }

    /// <summary>The query of one page after a cursor (exposed for the plan test).</summary>
    internal string CursorPageSql =>
        $"""
        select {Columns} from {_table}
         where tenant_id = @tenant_id and connection_id = @connection_id and (started_at, id) < (@cursor_at, @cursor_id)
         order by started_at desc, id desc
         limit @limit
        """;

    public async Task AppendAsync(SyncLogEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.OfRows([entry.TenantId]),
            $"""
            insert into {_table} ({Columns})
            values (@id, @tenant_id, @connection_id, @operation, @trigger, @range_start, @range_end, @attempt, @outcome,
                    @duration_ms, @platform_calls, @error, @started_at, @details)
            on conflict do nothing
            """);
        command.Parameters
            .AddValue("id", entry.Id)
            .AddValue("tenant_id", entry.TenantId)
            .AddValue("connection_id", entry.ConnectionId)
            .AddValue("operation", entry.Operation)
            .AddNullable("trigger", entry.Trigger, NpgsqlDbType.Text)
            .AddNullable("range_start", entry.Range?.Start, NpgsqlDbType.Date)
            .AddNullable("range_end", entry.Range?.End, NpgsqlDbType.Date)
            .AddValue("attempt", entry.Attempt)
            .AddValue("outcome", PostgresNames.ToText(entry.Outcome))
            .AddValue("duration_ms", entry.DurationMs)
            .AddValue("platform_calls", entry.PlatformCalls)
            .AddNullable("error", entry.Error, NpgsqlDbType.Text)
            .AddValue("started_at", PostgresParameters.Utc(entry.StartedAt))
            .AddNullable("details", entry.Details, NpgsqlDbType.Text);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<SyncLogEntry>> ListAsync(string tenantId, Guid connectionId, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var limit = Math.Max(0, page.Limit);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = connection.CreateScopedBatch(PostgresTenantScope.Tenant(tenantId));

        var count = new NpgsqlBatchCommand($"select count(*) from {_table} where tenant_id = @tenant_id and connection_id = @connection_id");
        count.Parameters.AddValue("tenant_id", tenantId).AddValue("connection_id", connectionId);
        batch.BatchCommands.Add(count);

        NpgsqlBatchCommand rows;
        if (page.Cursor is not null)
        {
            var (at, id) = KeysetPager.DecodeCursor(page.Cursor);
            rows = new NpgsqlBatchCommand(CursorPageSql);
            rows.Parameters.AddValue("cursor_at", PostgresParameters.Utc(at)).AddValue("cursor_id", id);
        }
        else
        {
            rows = new NpgsqlBatchCommand(
                $"""
                select {Columns} from {_table}
                 where tenant_id = @tenant_id and connection_id = @connection_id
                 order by started_at desc, id desc
                 limit @limit offset @offset
                """);
            rows.Parameters.AddValue("offset", (long)Math.Max(0, page.Offset));
        }

        // One row more than asked tells whether there is a next page.
        rows.Parameters.AddValue("tenant_id", tenantId).AddValue("connection_id", connectionId).AddValue("limit", limit + 1L);
        batch.BatchCommands.Add(rows);

        await using var reader = await batch.ExecuteScopedReaderAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresPaging.ReadPageAsync(reader, limit, Read, e => (e.StartedAt, e.Id), cancellationToken).ConfigureAwait(false);
    }

    private static SyncLogEntry Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0),
        TenantId = r.GetString(1),
        ConnectionId = r.GetGuid(2),
        Operation = r.GetString(3),
        Trigger = r.GetNullableString(4),
        Range = r.IsDBNull(5) ? null : new DateRange(r.GetFieldValue<DateOnly>(5), r.GetFieldValue<DateOnly>(6)),
        Attempt = r.GetInt32(7),
        Outcome = PostgresNames.ParseOutcome(r.GetString(8)),
        DurationMs = r.GetDouble(9),
        PlatformCalls = r.GetInt32(10),
        Error = r.GetNullableString(11),
        StartedAt = r.GetFieldValue<DateTimeOffset>(12),
        Details = r.GetNullableString(13),
    };
}
