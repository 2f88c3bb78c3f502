using StackExchange.Redis;

namespace ChannelManager.Transport.Tests;

/// <summary>Its own class: it kills the class's redis-server.</summary>
public sealed class RedisRestartTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task After_Redis_restarts_without_its_data_the_consumer_recreates_its_group_and_handles_new_events_without_a_host_restart()
    {
        var stream = RedisServerFixture.NewStream();
        await using var host = await TransportHost.StartAsync(redis.ConnectionString, stream);
        var property = Guid.NewGuid();
        for (var i = 0; i < 20; i++)
        {
            await host.PublishRateAsync(property, i);
        }

        await Eventually.TrueAsync(() => host.Ledger.Rates.Count == 20, "the events before the restart were handled");

        // Redis dies and comes back empty: the stream, the group and the processed marks are gone (NOGROUP).
        // Events that were only in Redis's memory when it died are lost with it; re-publishing those is the job of the
        // transactional outbox in front of the bus (tested with the PostgreSQL store), not of the transport.
        await redis.Server.KillAsync();
        await redis.Server.StartAgainAsync();

        for (var i = 100; i < 120; i++)
        {
            await PublishWithRetryAsync(host, property, i);
        }

        await Eventually.TrueAsync(() => Enumerable.Range(100, 20).All(i => host.Ledger.Count(i) == 1), "the events after the restart were handled", 30_000);
        Assert.Equal(40, host.Ledger.Rates.Count);
        await Eventually.TrueAsync(async () => (await redis.Db.StreamPendingAsync(stream, "channel_manager_consumers")).PendingMessageCount == 0, "the new group has nothing pending");
    }

    private static async Task PublishWithRetryAsync(TransportHost host, Guid property, int rate)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                await host.PublishRateAsync(property, rate);
                return;
            }
            catch (RedisException) when (DateTime.UtcNow < deadline)
            {
                // What an outbox relay does: try again later.
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
    }
}
