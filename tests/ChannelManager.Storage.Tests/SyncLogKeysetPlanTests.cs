using System.Text.Json;
using ChannelManager.Common;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Engine.Storage.PostgreSql;
using Npgsql;

namespace ChannelManager.Storage.Tests;

/// <summary>Keyset paging of a million sync-log rows: the page query walks the keyset index, whatever the cursor.</summary>
public sealed class SyncLogKeysetPlanTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private const int Rows = 1_000_000;
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_deep_cursor_page_is_an_index_scan_on_the_keyset_index()
    {
        var ct = TestContext.Current.CancellationToken;
        const string tenant = "big-tenant";
        var connection = Guid.NewGuid();

        // One statement: a million rows for one connection (row i started i seconds after Start, time-ordered ids),
        // plus rows of other connections and tenants the query must skip.
        await db.ExecuteAsync(
            """
            insert into channel_manager.sync_logs (id, tenant_id, connection_id, operation, trigger, attempt, outcome, duration_ms, platform_calls, started_at)
            select ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, @tenant, @connection, 'ari_push', 'booking.confirmed',
                   1, 'succeeded', 1.5, 1, @start + i * interval '1 second'
              from generate_series(1, 1000000) as i
            """,
            ("tenant", tenant),
            ("connection", connection),
            ("start", Start));
        await db.ExecuteAsync(
            """
            insert into channel_manager.sync_logs (id, tenant_id, connection_id, operation, attempt, outcome, duration_ms, platform_calls, started_at)
            select gen_random_uuid(), 'tenant-' || (i % 7), gen_random_uuid(), 'ari_push', 1, 'succeeded', 1, 1, @start + i * interval '1 second'
              from generate_series(1, 20000) as i
            """,
            ("start", Start));
        await db.ExecuteAsync("analyze channel_manager.sync_logs");

        // A cursor deep in the log: the row started 100 seconds after Start (999,900 newer rows before it).
        var deep = RowId(100);
        var cursor = KeysetPager.EncodeCursor((Start.AddSeconds(100), deep));
        var store = new PostgresSyncLogStore(db.Context());

        var page = await store.ListAsync(tenant, connection, new PageRequest(Limit: 50, Cursor: cursor), ct);
        Assert.Equal(Enumerable.Range(50, 50).Reverse().Select(RowId), page.Items.Select(i => i.Id));
        Assert.Equal(Rows, page.Total);
        var first = await store.ListAsync(tenant, connection, new PageRequest(Limit: 2), ct);
        Assert.Equal([RowId(Rows), RowId(Rows - 1)], first.Items.Select(i => i.Id));

        await using var explain = db.DataSource.CreateCommand("explain (format json) " + store.CursorPageSql);
        explain.Parameters.AddValue("tenant_id", tenant).AddValue("connection_id", connection)
            .AddValue("cursor_at", Start.AddSeconds(100)).AddValue("cursor_id", deep).AddValue("limit", 51L);
        var json = (string)(await explain.ExecuteScalarAsync(ct))!;
        var nodes = new List<JsonElement>();
        using var plan = JsonDocument.Parse(json);
        Collect(plan.RootElement[0].GetProperty("Plan"), nodes);

        var nodeTypes = nodes.Select(n => n.GetProperty("Node Type").GetString()).ToList();
        Assert.DoesNotContain("Seq Scan", nodeTypes);
        Assert.DoesNotContain("Sort", nodeTypes);
        Assert.DoesNotContain("Bitmap Heap Scan", nodeTypes);
        var scan = Assert.Single(nodes, n => n.GetProperty("Node Type").GetString() is "Index Scan" or "Index Only Scan");
        Assert.Equal("ix_sync_logs_keyset", scan.GetProperty("Index Name").GetString());

        // The cursor bounds the index scan itself (no walk over the 999,900 newer rows to filter them out).
        Assert.Contains("started_at", scan.GetProperty("Index Cond").GetString(), StringComparison.Ordinal);
    }

    private static Guid RowId(int i) => Guid.Parse("00000000-0000-7000-8000-" + i.ToString("x12", System.Globalization.CultureInfo.InvariantCulture));

    private static void Collect(JsonElement node, List<JsonElement> into)
    {
        into.Add(node);
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Collect(child, into);
            }
        }
    }
}
