using ChannelManager.Common;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;
using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>Reads a page from a batch of "count(*)" followed by the page query (which asks for one row more than the limit).</summary>
internal static class PostgresPaging
{
    /// <summary>
    /// Runs one batch under <paramref name="scope"/> — the filtered count and the page, newest first by (<paramref name="keyColumn"/>, id), by keyset
    /// cursor or by offset, one row more than the limit to tell whether there is a next page — and reads it.
    /// </summary>
    public static async Task<Page<T>> QueryNewestFirstAsync<T>(
        NpgsqlDataSource dataSource,
        PostgresTenantScope scope,
        string table,
        string columns,
        string filter,
        Action<NpgsqlParameterCollection> addFilter,
        string keyColumn,
        PageRequest page,
        Func<NpgsqlDataReader, T> read,
        Func<T, (DateTimeOffset At, Guid Id)> key,
        CancellationToken cancellationToken)
    {
        var limit = Math.Max(0, page.Limit);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = connection.CreateScopedBatch(scope);
        var count = new NpgsqlBatchCommand($"select count(*) from {table} where {filter}");
        addFilter(count.Parameters);
        batch.BatchCommands.Add(count);

        NpgsqlBatchCommand rows;
        if (page.Cursor is not null)
        {
            var (at, id) = KeysetPager.DecodeCursor(page.Cursor);
            rows = new NpgsqlBatchCommand(
                $"select {columns} from {table} where {filter} and ({keyColumn}, id) < (@cursor_at, @cursor_id) order by {keyColumn} desc, id desc limit @limit");
            rows.Parameters.AddValue("cursor_at", PostgresParameters.Utc(at)).AddValue("cursor_id", id);
        }
        else
        {
            rows = new NpgsqlBatchCommand(
                $"select {columns} from {table} where {filter} order by {keyColumn} desc, id desc limit @limit offset @offset");
            rows.Parameters.AddValue("offset", (long)Math.Max(0, page.Offset));
        }

        addFilter(rows.Parameters);
        rows.Parameters.AddValue("limit", limit + 1L);
        batch.BatchCommands.Add(rows);

        await using var reader = await batch.ExecuteScopedReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadPageAsync(reader, limit, read, key, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<Page<T>> ReadPageAsync<T>(NpgsqlDataReader reader, int limit, Func<NpgsqlDataReader, T> read, Func<T, (DateTimeOffset At, Guid Id)> key, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<T>(Math.Min(limit, 1000));
        var more = false;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == limit)
            {
                more = true;
                break;
            }

            items.Add(read(reader));
        }

        var next = more && items.Count > 0 ? KeysetPager.EncodeCursor(key(items[^1])) : null;
        return new Page<T>(items, next, (int)Math.Min(int.MaxValue, total));
    }
}
