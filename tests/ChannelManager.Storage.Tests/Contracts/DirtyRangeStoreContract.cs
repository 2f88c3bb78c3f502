using ChannelManager.Adapters;
using ChannelManager.Inventory;
using ChannelManager.Sync;

namespace ChannelManager.Storage.Tests.Contracts;

/// <summary>What every <see cref="IDirtyRangeStore"/> must do; run against each implementation (each test on an empty store).</summary>
public abstract class DirtyRangeStoreContract
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateRange July = new(new DateOnly(2025, 7, 1), new DateOnly(2025, 8, 1));

    protected abstract Task<IDirtyRangeStore> CreateStoreAsync();

    [Fact]
    public async Task Marks_get_increasing_sequence_numbers_and_load_in_sequence_order()
    {
        var store = await CreateStoreAsync();
        var c1 = Guid.NewGuid();
        var first = new[] { Mark("t1", c1, AriPushScope.Availability, "booking.confirmed"), Mark("t1", Guid.NewGuid(), AriPushScope.Rates, "pricing.updated") };
        var second = new[] { Mark("t2", c1, AriPushScope.All, "manual:full") };

        var s1 = await store.AddAsync(first, Ct);
        var s2 = await store.AddAsync(second, Ct);

        Assert.Equal(2, s1.Count);
        Assert.True(s1[0] < s1[1] && s1[1] < s2.Single());
        var loaded = await store.LoadAsync(Ct);
        Assert.Equal(s1.Concat(s2), loaded.Select(m => m.Sequence));
        Assert.Equal(first.Concat(second), loaded.Select(m => m.Mark));
        Assert.Empty(await store.AddAsync([], Ct));
    }

    [Fact]
    public async Task Clear_removes_only_the_given_marks_of_that_connection()
    {
        var store = await CreateStoreAsync();
        var c = Guid.NewGuid();
        var other = Guid.NewGuid();
        var s = await store.AddAsync([Mark("t", c), Mark("t", c), Mark("t", other), Mark("u", c), Mark("t", c)], Ct);

        // s[2] and s[3] belong to another connection and another tenant: clearing them through c does nothing.
        await store.ClearAsync("t", c, [s[0], s[2], s[3], 999_999_999], Ct);

        Assert.Equal([s[1], s[2], s[3], s[4]], (await store.LoadAsync(Ct)).Select(m => m.Sequence));
        await store.ClearAsync("t", c, [], Ct);
        Assert.Equal(4, (await store.LoadAsync(Ct)).Count);
    }

    [Fact]
    public async Task Clear_all_removes_every_mark_of_that_connection_only()
    {
        var store = await CreateStoreAsync();
        var c = Guid.NewGuid();
        var s = await store.AddAsync([Mark("t", c), Mark("t", Guid.NewGuid()), Mark("u", c), Mark("t", c)], Ct);

        await store.ClearAllAsync("t", c, Ct);

        Assert.Equal([s[1], s[2]], (await store.LoadAsync(Ct)).Select(m => m.Sequence));
    }

    private static DirtyMark Mark(string tenant, Guid connection, AriPushScope scope = AriPushScope.Availability, string trigger = "booking.confirmed") =>
        new(tenant, connection, July, scope, trigger);
}
