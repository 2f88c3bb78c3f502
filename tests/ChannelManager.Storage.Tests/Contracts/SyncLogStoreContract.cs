using ChannelManager.Common;
using ChannelManager.Inventory;
using ChannelManager.Sync;

namespace ChannelManager.Storage.Tests.Contracts;

/// <summary>What every <see cref="ISyncLogStore"/> must do; run against each implementation.</summary>
public abstract class SyncLogStoreContract
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _tenant = "tenant-" + Guid.NewGuid().ToString("N")[..8];
    private readonly Guid _connection = Guid.NewGuid();

    protected abstract Task<ISyncLogStore> CreateStoreAsync();

    [Fact]
    public async Task Rows_come_back_with_every_field_newest_first()
    {
        var store = await CreateStoreAsync();
        var older = Entry(TestTime.At(1)) with
        {
            Operation = SyncOperations.ReservationPull,
            Trigger = "manual:full",
            Range = null,
            Attempt = 3,
            Outcome = SyncOutcome.Failed,
            DurationMs = 12.5,
            PlatformCalls = 0,
            Error = "HTTP 503",
            Details = "2 nights differed",
        };
        var newer = Entry(TestTime.At(2)) with { Range = new DateRange(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 5)), Outcome = SyncOutcome.Skipped };
        await store.AppendAsync(older, Ct);
        await store.AppendAsync(newer, Ct);

        var page = await store.ListAsync(_tenant, _connection, new PageRequest(), Ct);
        Assert.Equal([newer, older], page.Items);
        Assert.Equal(2, page.Total);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Cursor_paging_visits_every_row_once_newest_first_with_ties_by_id()
    {
        var store = await CreateStoreAsync();
        var expected = await AppendManyAsync(store, 23);

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(_tenant, _connection, new PageRequest(Limit: 5, Cursor: cursor), Ct);
            Assert.Equal(23, page.Total);
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(5, pages);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Offset_paging_skips_takes_and_counts()
    {
        var store = await CreateStoreAsync();
        var expected = await AppendManyAsync(store, 10);

        var page = await store.ListAsync(_tenant, _connection, new PageRequest(Limit: 3, Offset: 3), Ct);
        Assert.Equal(expected.Skip(3).Take(3), page.Items.Select(i => i.Id));
        Assert.Equal(10, page.Total);
        var rest = await store.ListAsync(_tenant, _connection, new PageRequest(Limit: 50, Cursor: page.NextCursor), Ct);
        Assert.Equal(expected.Skip(6), rest.Items.Select(i => i.Id));

        var beyond = await store.ListAsync(_tenant, _connection, new PageRequest(Limit: 3, Offset: 10), Ct);
        Assert.Empty(beyond.Items);
        Assert.Null(beyond.NextCursor);
        Assert.Equal(10, beyond.Total);
    }

    [Fact]
    public async Task Rows_of_other_tenants_and_connections_are_never_listed()
    {
        var store = await CreateStoreAsync();
        var mine = Entry(TestTime.At(1));
        await store.AppendAsync(mine, Ct);
        await store.AppendAsync(Entry(TestTime.At(2)) with { TenantId = "intruder" }, Ct);
        await store.AppendAsync(Entry(TestTime.At(3)) with { ConnectionId = Guid.NewGuid() }, Ct);

        var page = await store.ListAsync(_tenant, _connection, new PageRequest(), Ct);
        Assert.Equal([mine], page.Items);
        Assert.Equal(1, page.Total);
        Assert.Empty((await store.ListAsync("intruder-2", _connection, new PageRequest(), Ct)).Items);
    }

    [Fact]
    public async Task An_empty_log_is_an_empty_page()
    {
        var store = await CreateStoreAsync();
        var page = await store.ListAsync(_tenant, Guid.NewGuid(), new PageRequest(), Ct);
        Assert.Empty(page.Items);
        Assert.Equal(0, page.Total);
        Assert.Null(page.NextCursor);
    }

    private async Task<List<Guid>> AppendManyAsync(ISyncLogStore store, int count)
    {
        var all = new List<SyncLogEntry>();
        for (var i = 0; i < count; i++)
        {
            var bytes = Guid.NewGuid().ToByteArray(bigEndian: true);
            bytes[0] = (byte)(i % 2 == 0 ? 0x2A : 0xA2);
            all.Add(Entry(TestTime.At(i / 4, microseconds: 1)) with { Id = new Guid(bytes, bigEndian: true) });
        }

        foreach (var e in all.OrderBy(_ => Guid.NewGuid()))
        {
            await store.AppendAsync(e, Ct);
        }

        return all.OrderByDescending(e => e.StartedAt).ThenByDescending(e => e.Id).Select(e => e.Id).ToList();
    }

    private SyncLogEntry Entry(DateTimeOffset startedAt) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = _tenant,
        ConnectionId = _connection,
        Operation = SyncOperations.AriPush,
        Trigger = "booking.confirmed",
        Range = new DateRange(new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 3)),
        Outcome = SyncOutcome.Succeeded,
        DurationMs = 1.25,
        PlatformCalls = 1,
        StartedAt = startedAt,
    };
}
