using System.Diagnostics;
using ChannelManager.Events;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Transport.Tests;

/// <summary>Wake-up of an idle consumer and back-pressure of a busy one.</summary>
public sealed class FlowControlTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task An_idle_consumer_is_woken_by_a_publish_from_another_process_long_before_its_fallback_poll()
    {
        var stream = RedisServerFixture.NewStream();
        await using var consumer = await TransportHost.StartAsync(redis.ConnectionString, stream, o =>
        {
            o.FallbackPollInterval = TimeSpan.FromSeconds(10);
            o.ClaimInterval = TimeSpan.FromSeconds(2);
        });

        // Another process publishes (its own connection, no consumer): only the pub/sub nudge can wake the consumer.
        await using var publisher = TransportHost.BusOnly(redis.ConnectionString, stream, o => o.ConsumerName = "publisher");
        var bus = publisher.GetRequiredService<IEventBus>();
        await bus.PublishAsync(TestEvents.Envelope(TestEvents.Pricing(1)), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => consumer.Ledger.Count(1) == 1, "the warm-up event was handled");
        await Task.Delay(1500, TestContext.Current.CancellationToken); // idle: the stream is drained and the reader sleeps

        var clock = Stopwatch.StartNew();
        await bus.PublishAsync(TestEvents.Envelope(TestEvents.Pricing(2)), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => consumer.Ledger.Count(2) == 1, "the event was handled", timeoutMs: 2_000);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"handled after {clock.Elapsed.TotalMilliseconds} ms; the fallback poll is 10 s away");
    }

    [Fact]
    public async Task A_consumer_whose_handlers_block_never_holds_more_than_batch_size_unacknowledged_entries()
    {
        var stream = RedisServerFixture.NewStream();
        await using var host = await TransportHost.StartAsync(redis.ConnectionString, stream, o => o.BatchSize = 10);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Ledger.OnSetRate = (_, ct) => gate.Task.WaitAsync(ct);
        var property = Guid.NewGuid();
        for (var i = 0; i < 60; i++)
        {
            await host.PublishRateAsync(property, i);
        }

        // The reader creates the consumer group (from id 0, so nothing published before is missed) once it runs: on a
        // loaded machine that can be after the publishes.
        await Eventually.TrueAsync(async () => await redis.Db.KeyExistsAsync(stream) && (await redis.Db.StreamGroupInfoAsync(stream)).Length == 1, "the consumer group exists");
        var max = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(1.5))
        {
            var pending = await redis.Db.StreamPendingAsync(stream, "channel_manager_consumers");
            Assert.InRange(pending.PendingMessageCount, 0, 10);
            Assert.InRange(host.Bus.InFlight, 0, 10);
            max = Math.Max(max, pending.PendingMessageCount);
            await Task.Delay(15, TestContext.Current.CancellationToken);
        }

        Assert.InRange(max, 4, 10); // it took work (4 handlers are blocked) but no more than its batch …
        Assert.Empty(host.Ledger.Rates); // … and nothing could finish
        var group = Assert.Single(await redis.Db.StreamGroupInfoAsync(stream));
        Assert.Equal(60 - max, group.Lag); // the rest waits in Redis, undelivered, not in memory

        gate.SetResult();
        await Eventually.TrueAsync(() => host.Ledger.Rates.Count == 60, "all events were handled once the handlers unblocked");
        Assert.All(host.Ledger.Rates.Values, c => Assert.Equal(1, c));
        await Eventually.TrueAsync(async () => (await redis.Db.StreamPendingAsync(stream, "channel_manager_consumers")).PendingMessageCount == 0, "everything was acknowledged");
    }

    [Fact]
    public async Task A_stopping_host_stops_reading_finishes_the_entries_it_holds_and_leaves_nothing_pending()
    {
        var stream = RedisServerFixture.NewStream();
        var host = await TransportHost.StartAsync(redis.ConnectionString, stream, o => o.BatchSize = 50);
        host.Ledger.OnSetRate = (_, ct) => Task.Delay(25, ct); // slow handlers: 40 events take a while with 4 of them
        var property = Guid.NewGuid();
        for (var i = 0; i < 40; i++)
        {
            await host.PublishRateAsync(property, i);
        }

        await Eventually.TrueAsync(() => host.Bus.InFlight > 4 && host.Ledger.Rates.Count < 40, "the consumer holds entries it has not handled yet");
        var handledAtStop = host.Ledger.Rates.Count;
        await host.DisposeAsync(); // host stop: the bus stops reading, the consumers finish what it holds, then stop

        // Every entry it had read was handled once and acknowledged; the ones it had not read wait, undelivered, for
        // the next consumer. Nothing is left pending (which only a claim after ClaimMinIdleTime would recover).
        var pending = await redis.Db.StreamPendingAsync(stream, "channel_manager_consumers");
        Assert.Equal(0, pending.PendingMessageCount);
        var group = Assert.Single(await redis.Db.StreamGroupInfoAsync(stream));
        Assert.Equal(40 - group.Lag, host.Ledger.Rates.Count);
        Assert.True(host.Ledger.Rates.Count > handledAtStop, "the held entries were handled during the stop");
        Assert.All(host.Ledger.Rates.Values, c => Assert.Equal(1, c));
    }
}
