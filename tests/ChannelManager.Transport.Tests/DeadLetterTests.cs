using ChannelManager.Events;
using StackExchange.Redis;

namespace ChannelManager.Transport.Tests;

/// <summary>Failures, redelivery and dead letters, through the engine's consumer worker.</summary>
public sealed class DeadLetterTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task A_poison_event_is_dead_lettered_after_max_deliveries_while_the_rest_flows_and_replay_after_the_fix_handles_it()
    {
        var stream = RedisServerFixture.NewStream();
        await using var host = await TransportHost.StartAsync(redis.ConnectionString, stream, o =>
        {
            o.MaxDeliveries = 3;
            o.ClaimMinIdleTime = TimeSpan.FromMilliseconds(300);
            o.ClaimInterval = TimeSpan.FromMilliseconds(100);
        });
        var poisoned = true;
        var attempts = 0;
        host.Ledger.OnSetRate = (rate, _) =>
        {
            if (rate == 13m && Volatile.Read(ref poisoned))
            {
                Interlocked.Increment(ref attempts);
                throw new InvalidOperationException("rate 13 breaks the handler");
            }

            return Task.CompletedTask;
        };
        var property = Guid.NewGuid();
        var poison = await host.PublishRateAsync(property, 13m);
        for (var i = 1; i <= 10; i++)
        {
            await host.PublishRateAsync(property, i);
        }

        await Eventually.TrueAsync(() => Enumerable.Range(1, 10).All(i => host.Ledger.Count(i) == 1), "the other events were handled");
        var dead = host.Get<IDeadLetterQueue>();
        await Eventually.TrueAsync(async () => (await dead.ListAsync(10)).Count == 1, "the poison event was dead-lettered");
        var letter = (await dead.ListAsync(10, TestContext.Current.CancellationToken))[0];
        Assert.Equal(poison, letter.Envelope);
        Assert.Equal(3, letter.Deliveries);
        Assert.Equal(3, Volatile.Read(ref attempts));
        Assert.Contains("rate 13 breaks the handler", letter.Reason, StringComparison.Ordinal);
        Assert.InRange(letter.DeadLetteredAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(0, host.Ledger.Count(13m));

        // Dead-lettering acknowledged the entry and cleared its failure record.
        await Eventually.TrueAsync(async () => (await redis.Db.StreamPendingAsync(stream, "channel_manager_consumers")).PendingMessageCount == 0, "nothing is left pending");
        Assert.Equal(0, await redis.Db.HashLengthAsync(stream + ":failures"));

        // The fix ships; the operator replays the letter.
        Volatile.Write(ref poisoned, false);
        Assert.True(await dead.ReplayAsync(letter.Id, TestContext.Current.CancellationToken));
        await Eventually.TrueAsync(() => host.Ledger.Count(13m) == 1, "the replayed event was handled");
        Assert.Empty(await dead.ListAsync(10, TestContext.Current.CancellationToken));
        Assert.False(await dead.ReplayAsync(letter.Id, TestContext.Current.CancellationToken));
        Assert.False(await dead.ReplayAsync("0-1", TestContext.Current.CancellationToken));
        Assert.False(await dead.ReplayAsync("not an id", TestContext.Current.CancellationToken));
        Assert.False(await dead.ReplayAsync("-", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_failed_delivery_records_its_reason_and_is_redelivered_after_the_idle_time_with_a_higher_count()
    {
        var stream = RedisServerFixture.NewStream();
        await using var host = await TransportHost.StartAsync(redis.ConnectionString, stream, o =>
        {
            // Long enough that a loaded machine reads the pending entry before the reclaim (which the test then waits for).
            o.ClaimMinIdleTime = TimeSpan.FromSeconds(3);
            o.ClaimInterval = TimeSpan.FromMilliseconds(100);
        });
        var failOnce = 1;
        host.Ledger.OnSetRate = (_, _) => Interlocked.Exchange(ref failOnce, 0) == 1 ? throw new TimeoutException("platform slow") : Task.CompletedTask;
        await host.PublishRateAsync(Guid.NewGuid(), 7m);

        await Eventually.TrueAsync(async () => await redis.Db.HashLengthAsync(stream + ":failures") == 1, "the failure was recorded");
        var reason = (await redis.Db.HashValuesAsync(stream + ":failures"))[0];
        Assert.Contains("platform slow", (string?)reason, StringComparison.Ordinal);
        var pending = await redis.Db.StreamPendingMessagesAsync(stream, "channel_manager_consumers", 10, RedisValue.Null);
        Assert.Equal(1, Assert.Single(pending).DeliveryCount); // left pending for redelivery, not acknowledged
        Assert.Equal(0, host.Ledger.Count(7m));

        await Eventually.TrueAsync(() => host.Ledger.Count(7m) == 1, "it was redelivered and handled");
        await Eventually.TrueAsync(async () => await redis.Db.HashLengthAsync(stream + ":failures") == 0, "the failure record was removed with the acknowledgement");
        Assert.Empty(await host.Get<IDeadLetterQueue>().ListAsync(10, TestContext.Current.CancellationToken));
    }
}
