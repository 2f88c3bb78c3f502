using ChannelManager.Adapters.ICal;
using ChannelManager.Adapters.ICal.Import;
using ChannelManager.Connections;
using ChannelManager.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Tests.ICal;

public sealed class ICalPollerTests
{
    private sealed class RecordingScheduler : IReservationPullScheduler
    {
        public List<(string Tenant, Guid Id, string Trigger)> Requests { get; } = [];

        public void RequestReservationPull(string tenantId, Guid connectionId, string trigger) => Requests.Add((tenantId, connectionId, trigger));
    }

    [Fact]
    public async Task Poll_queues_a_pull_for_every_syncable_iCal_connection_with_a_feed_URL()
    {
        var store = new FakeConnectionStore();
        var ct = TestContext.Current.CancellationToken;
        var withUrl = Enumerable.Range(0, 450).Select(i => ICalTestSupport.Connection($"l{i}", "https://example.com/a.ics")).ToArray();
        foreach (var c in withUrl)
        {
            await store.AddAsync(c, ct);
        }

        await store.AddAsync(ICalTestSupport.Connection("no-url"), ct);
        await store.AddAsync(ICalTestSupport.Connection("paused", "https://example.com/p.ics") with { Status = ConnectionStatus.Paused }, ct);
        await store.AddAsync(ICalTestSupport.Connection("airbnb", "https://example.com/x.ics") with { Platform = Platform.Airbnb }, ct);

        var scheduler = new RecordingScheduler();
        var poller = new ICalFeedPoller(new ServiceCollection().BuildServiceProvider(), Options.Create(new ICalOptions()), TimeProvider.System, NullLogger<ICalFeedPoller>.Instance);
        var queued = await poller.PollOnceAsync(store, scheduler, ct);

        Assert.Equal(450, queued);
        Assert.Equal(withUrl.Select(c => c.Id).Order(), scheduler.Requests.Select(r => r.Id).Order());
        Assert.All(scheduler.Requests, r => Assert.Equal("schedule:ical", r.Trigger));
    }
}
