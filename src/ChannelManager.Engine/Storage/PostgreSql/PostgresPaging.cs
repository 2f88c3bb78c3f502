using ChannelManager.Common;
using ChannelManager.Engine.Storage.InMemory;
using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>Reads a page from a batch of "count(*)" followed by the page query (which asks for one row more than the limit).</summary>
internal static class PostgresPaging
{
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
