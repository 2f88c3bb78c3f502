using ChannelManager.Common;
using ChannelManager.Conflicts;
using ChannelManager.Inventory;

namespace ChannelManager.Storage.Tests.Contracts;

/// <summary>What every <see cref="IConflictStore"/> must do; run against each implementation.</summary>
public abstract class ConflictStoreContract
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _tenant = "tenant-" + Guid.NewGuid().ToString("N")[..8];
    private readonly Guid _property = Guid.NewGuid();

    protected abstract Task<IConflictStore> CreateStoreAsync();

    private OverbookingConflict Conflict(double at, string booking = "B1") => new()
    {
        Id = Guid.NewGuid(),
        TenantId = _tenant,
        PropertyId = _property,
        BookingId = booking,
        Stay = new DateRange(new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 4)),
        DetectedAt = TestTime.At(at),
    };

    [Fact]
    public async Task A_conflict_is_recorded_once_with_every_field()
    {
        var store = await CreateStoreAsync();
        var conflict = Conflict(1) with { Units = 2, Source = "airbnb", SourceConnectionId = Guid.NewGuid(), ConfirmationCode = "HM123" };

        Assert.True(await store.AddIfAbsentAsync(conflict, Ct));
        Assert.False(await store.AddIfAbsentAsync(conflict with { BookingId = "other", DetectedAt = TestTime.At(9) }, Ct), "the same id again records nothing");

        Assert.Equal(conflict, await store.GetAsync(_tenant, conflict.Id, Ct));
        Assert.True((await store.GetAsync(_tenant, conflict.Id, Ct))!.IsOpen);
    }

    [Fact]
    public async Task Another_tenant_neither_sees_nor_resolves_a_conflict()
    {
        var store = await CreateStoreAsync();
        var conflict = Conflict(1);
        await store.AddIfAbsentAsync(conflict, Ct);

        Assert.Null(await store.GetAsync("someone-else", conflict.Id, Ct));
        Assert.Empty((await store.ListAsync("someone-else", new ConflictQuery(), new PageRequest(), Ct)).Items);
        Assert.Null(await store.ResolveAsync("someone-else", conflict.Id, TestTime.At(5), "not mine", Ct));
        Assert.True((await store.GetAsync(_tenant, conflict.Id, Ct))!.IsOpen);
        Assert.Null(await store.ResolveAsync(_tenant, Guid.NewGuid(), TestTime.At(5), null, Ct));
    }

    [Fact]
    public async Task Resolving_closes_the_conflict_once_and_keeps_the_first_resolution()
    {
        var store = await CreateStoreAsync();
        var conflict = Conflict(1);
        await store.AddIfAbsentAsync(conflict, Ct);

        var resolved = await store.ResolveAsync(_tenant, conflict.Id, TestTime.At(5), "guest moved to unit 2", Ct);
        Assert.NotNull(resolved);
        Assert.False(resolved.IsOpen);
        Assert.Equal(TestTime.At(5), resolved.ResolvedAt);
        Assert.Equal("guest moved to unit 2", resolved.Resolution);

        var again = await store.ResolveAsync(_tenant, conflict.Id, TestTime.At(9), "second try", Ct);
        Assert.Equal(resolved, again);
    }

    [Fact]
    public async Task Lists_filter_by_property_and_status_newest_first_and_page_by_cursor_and_offset()
    {
        var store = await CreateStoreAsync();
        var conflicts = Enumerable.Range(0, 7).Select(i => Conflict(i, "B" + i)).ToList();
        var otherProperty = Conflict(3.5, "elsewhere") with { PropertyId = Guid.NewGuid() };
        foreach (var c in conflicts.Append(otherProperty))
        {
            await store.AddIfAbsentAsync(c, Ct);
        }

        await store.ResolveAsync(_tenant, conflicts[2].Id, TestTime.At(20), null, Ct);
        var newestFirst = conflicts.AsEnumerable().Reverse().Select(c => c.Id).ToList();

        var all = await store.ListAsync(_tenant, new ConflictQuery(), new PageRequest(), Ct);
        Assert.Equal(8, all.Total);
        var mine = await store.ListAsync(_tenant, new ConflictQuery(_property), new PageRequest(), Ct);
        Assert.Equal(newestFirst, mine.Items.Select(c => c.Id));
        var open = await store.ListAsync(_tenant, new ConflictQuery(_property, Open: true), new PageRequest(), Ct);
        Assert.Equal(newestFirst.Where(id => id != conflicts[2].Id), open.Items.Select(c => c.Id));
        var resolved = await store.ListAsync(_tenant, new ConflictQuery(Open: false), new PageRequest(), Ct);
        Assert.Equal([conflicts[2].Id], resolved.Items.Select(c => c.Id));

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await store.ListAsync(_tenant, new ConflictQuery(_property), new PageRequest(3, Cursor: cursor), Ct);
            Assert.InRange(page.Items.Count, 1, 3);
            Assert.Equal(7, page.Total);
            seen.AddRange(page.Items.Select(c => c.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(newestFirst, seen);

        var middle = await store.ListAsync(_tenant, new ConflictQuery(_property), new PageRequest(2, Offset: 3), Ct);
        Assert.Equal(newestFirst.Skip(3).Take(2), middle.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task A_malformed_cursor_is_a_validation_error()
    {
        var store = await CreateStoreAsync();
        await Assert.ThrowsAsync<ChannelManagerValidationException>(() => store.ListAsync(_tenant, new ConflictQuery(), new PageRequest(Cursor: "!!nope"), Ct));
    }
}
