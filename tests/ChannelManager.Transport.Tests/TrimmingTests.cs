using StackExchange.Redis;

namespace ChannelManager.Transport.Tests;

public sealed class TrimmingTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan TrimInterval = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task Handled_and_acknowledged_entries_are_trimmed_away()
    {
        var stream = RedisServerFixture.NewStream();
        await using var host = await TransportHost.StartAsync(redis.ConnectionString, stream, o => o.TrimInterval = TrimInterval);
        var property = Guid.NewGuid();
        for (var i = 0; i < 50; i++)
        {
            await host.PublishRateAsync(property, i);
        }

        await Eventually.TrueAsync(() => host.Ledger.Rates.Count == 50, "the events were handled");
        await Eventually.TrueAsync(async () => await redis.Db.StreamLengthAsync(stream) == 0, "the stream was trimmed");
    }

    [Fact]
    public async Task Entries_another_group_has_not_read_or_not_acknowledged_are_never_trimmed()
    {
        var stream = RedisServerFixture.NewStream();
        var db = redis.Db;
        await db.StreamCreateConsumerGroupAsync(stream, "audit", "0", createStream: true);
        await using var host = await TransportHost.StartAsync(redis.ConnectionString, stream, o => o.TrimInterval = TrimInterval);
        var property = Guid.NewGuid();
        for (var i = 0; i < 50; i++)
        {
            await host.PublishRateAsync(property, i);
        }

        await Eventually.TrueAsync(() => host.Ledger.Rates.Count == 50, "our group handled everything");
        await Eventually.TrueAsync(async () => (await db.StreamPendingAsync(stream, "channel_manager_consumers")).PendingMessageCount == 0, "our group acknowledged everything");
        await Task.Delay(TrimInterval * 5, TestContext.Current.CancellationToken);
        Assert.Equal(50, await db.StreamLengthAsync(stream)); // "audit" has read nothing

        // "audit" reads and acknowledges 20: those may go.
        var first = await db.StreamReadGroupAsync(stream, "audit", "auditor", ">", 20);
        await db.StreamAcknowledgeAsync(stream, "audit", first.Select(e => e.Id).ToArray());
        await Eventually.TrueAsync(async () => await db.StreamLengthAsync(stream) == 30, "the entries every group acknowledged were trimmed");

        // "audit" reads 10 more but does not acknowledge them: they and everything after stay.
        var second = await db.StreamReadGroupAsync(stream, "audit", "auditor", ">", 10);
        Assert.Equal(10, second.Length);
        await Task.Delay(TrimInterval * 5, TestContext.Current.CancellationToken);
        Assert.Equal(30, await db.StreamLengthAsync(stream));
        var oldest = (await db.StreamRangeAsync(stream, "-", "+", 1))[0];
        Assert.Equal(second[0].Id, oldest.Id);

        await db.StreamAcknowledgeAsync(stream, "audit", second.Select(e => e.Id).ToArray());
        await Eventually.TrueAsync(async () => await db.StreamLengthAsync(stream) == 20, "acknowledged at last, they were trimmed too");
    }
}
