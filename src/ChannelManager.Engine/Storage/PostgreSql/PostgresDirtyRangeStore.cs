using ChannelManager.Adapters;
using ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;
using ChannelManager.Inventory;
using ChannelManager.Sync;
using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// Dirty marks in PostgreSQL, so that nights marked but not yet pushed survive a crash. Sequence numbers come from an
/// identity column: unique across processes, increasing with every mark stored. Marks are cleared by their own
/// sequence numbers, so a process never clears another process's marks by accident.
/// </summary>
internal sealed class PostgresDirtyRangeStore : IDirtyRangeStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;

    public PostgresDirtyRangeStore(PostgresStoreContext context)
    {
        _dataSource = context.DataSource;
        _table = context.Table("dirty_marks");
    }

    public async Task<IReadOnlyList<long>> AddAsync(IReadOnlyList<DirtyMark> marks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marks);
        if (marks.Count == 0)
        {
            return [];
        }

        // One statement, one round trip. The ordinality keeps each sequence number with its mark.
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.OfRows(marks.Select(m => m.TenantId)),
            $"""
            with input as (
                select * from unnest(@tenant_ids, @connection_ids, @range_starts, @range_ends, @scopes, @triggers)
                       with ordinality as m(tenant_id, connection_id, range_start, range_end, scope, trigger, ordinal)),
            added as (
                insert into {_table} (tenant_id, connection_id, range_start, range_end, scope, trigger)
                select tenant_id, connection_id, range_start, range_end, scope, trigger from input order by ordinal
                returning sequence)
            select sequence from added order by sequence
            """);
        command.Parameters
            .AddValue("tenant_ids", marks.Select(m => m.TenantId).ToArray())
            .AddValue("connection_ids", marks.Select(m => m.ConnectionId).ToArray())
            .AddValue("range_starts", marks.Select(m => m.Range.Start).ToArray())
            .AddValue("range_ends", marks.Select(m => m.Range.End).ToArray())
            .AddValue("scopes", marks.Select(m => (int)m.Scope).ToArray())
            .AddValue("triggers", marks.Select(m => m.Trigger).ToArray());

        // Identity values are drawn in insertion order, which is the marks' order: the i-th smallest is the i-th mark's.
        var sequences = new List<long>(marks.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
    }

    public async Task<IReadOnlyList<StoredDirtyMark>> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"select sequence, tenant_id, connection_id, range_start, range_end, scope, trigger from {_table} order by sequence");
        var marks = new List<StoredDirtyMark>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            marks.Add(new StoredDirtyMark(
                reader.GetInt64(0),
                new DirtyMark(
                    reader.GetString(1),
                    reader.GetGuid(2),
                    new DateRange(reader.GetFieldValue<DateOnly>(3), reader.GetFieldValue<DateOnly>(4)),
                    (AriPushScope)reader.GetInt32(5),
                    reader.GetString(6))));
        }

        return marks;
    }

    public async Task ClearAsync(string tenantId, Guid connectionId, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0)
        {
            return;
        }

        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.Tenant(tenantId),
            $"delete from {_table} where tenant_id = @tenant_id and connection_id = @connection_id and sequence = any(@sequences)");
        command.Parameters.AddValue("tenant_id", tenantId).AddValue("connection_id", connectionId).AddValue("sequences", sequences.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearAllAsync(string tenantId, Guid connectionId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(PostgresTenantScope.Tenant(tenantId), $"delete from {_table} where tenant_id = @tenant_id and connection_id = @connection_id");
        command.Parameters.AddValue("tenant_id", tenantId).AddValue("connection_id", connectionId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
