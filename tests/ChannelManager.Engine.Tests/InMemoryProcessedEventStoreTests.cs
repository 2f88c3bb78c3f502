using ChannelManager.Engine.Storage.InMemory;

namespace ChannelManager.Engine.Tests;

public sealed class InMemoryProcessedEventStoreTests
{
    [Fact]
    public async Task Beyond_its_capacity_the_store_forgets_the_oldest_ids_first_and_stays_bounded_under_concurrency()
    {
        var store = new InMemoryProcessedEventStore(capacity: 100);
        var ids = Enumerable.Range(0, 1000).Select(_ => Guid.CreateVersion7()).ToArray();
        await Parallel.ForEachAsync(ids[..900], async (id, ct) => Assert.True(await store.MarkProcessedAsync(id, ct)));
        foreach (var id in ids[900..])
        {
            Assert.True(await store.MarkProcessedAsync(id, TestContext.Current.CancellationToken));
            Assert.False(await store.MarkProcessedAsync(id, TestContext.Current.CancellationToken), "a second mark of the same id is refused");
        }

        var kept = 0;
        foreach (var id in ids)
        {
            kept += await store.IsProcessedAsync(id, TestContext.Current.CancellationToken) ? 1 : 0;
        }

        Assert.Equal(100, kept);
        Assert.All(ids[900..], id => Assert.True(store.IsProcessedAsync(id, TestContext.Current.CancellationToken).Result, "the newest ids are kept"));
    }
}
