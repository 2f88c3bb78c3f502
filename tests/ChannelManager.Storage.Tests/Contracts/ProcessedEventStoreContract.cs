using ChannelManager.Events;

namespace ChannelManager.Storage.Tests.Contracts;

/// <summary>What every <see cref="IProcessedEventStore"/> must do; run against each implementation.</summary>
public abstract class ProcessedEventStoreContract
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IProcessedEventStore> CreateStoreAsync();

    [Fact]
    public async Task An_event_is_recorded_once()
    {
        var store = await CreateStoreAsync();
        var id = Guid.NewGuid();
        Assert.False(await store.IsProcessedAsync(id, Ct));
        Assert.True(await store.MarkProcessedAsync(id, Ct));
        Assert.True(await store.IsProcessedAsync(id, Ct));
        Assert.False(await store.MarkProcessedAsync(id, Ct));
        Assert.False(await store.IsProcessedAsync(Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task Of_concurrent_marks_of_one_event_exactly_one_records_it()
    {
        var store = await CreateStoreAsync();
        var id = Guid.NewGuid();
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.MarkProcessedAsync(id, Ct))));
        Assert.Single(results, r => r);
    }
}
