using ChannelManager.Engine.Events;

namespace ChannelManager.Transport.Tests;

public sealed class TwoEnginesTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Two_engines_in_one_group_handle_every_event_exactly_once_between_them()
    {
        var stream = RedisServerFixture.NewStream();
        await using var a = await TransportHost.StartAsync(redis.ConnectionString, stream, o => o.ConsumerName = "engine-a");
        await using var b = await TransportHost.StartAsync(redis.ConnectionString, stream, o => o.ConsumerName = "engine-b");
        const int N = 2000;
        var property = Guid.NewGuid();
        var events = a.Get<EventService>();
        var publishers = Enumerable.Range(0, 8).Select(p => Task.Run(async () =>
        {
            for (var i = p; i < N; i += 8)
            {
                await events.PublishAsync("t", property, TestEvents.Pricing(i), cancellationToken: TestContext.Current.CancellationToken);
            }
        }));
        await Task.WhenAll(publishers);

        await Eventually.TrueAsync(() => a.Ledger.Rates.Count + b.Ledger.Rates.Count >= N, "every event was handled", 30_000);
        await Task.Delay(300, TestContext.Current.CancellationToken); // a duplicate would show up now
        for (var i = 0; i < N; i++)
        {
            Assert.True(a.Ledger.Count(i) + b.Ledger.Count(i) == 1, $"event {i} was handled {a.Ledger.Count(i)} times by a and {b.Ledger.Count(i)} times by b");
        }

        Assert.False(a.Ledger.Rates.IsEmpty, "engine a did some of the work");
        Assert.False(b.Ledger.Rates.IsEmpty, "engine b did some of the work");
        await Eventually.TrueAsync(async () => (await redis.Db.StreamPendingAsync(stream, "channel_manager_consumers")).PendingMessageCount == 0, "everything was acknowledged");
    }
}
