using System.Text;
using ChannelManager.Engine.Transport.RedisStreams;
using ChannelManager.Events;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace ChannelManager.Transport.Tests;

/// <summary>The bus driven by hand (no engine running) against a real redis-server.</summary>
public sealed class BusDeliveryTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const string Group = "channel_manager_consumers";

    [Fact]
    public async Task Every_field_of_every_event_type_survives_the_trip_through_Redis()
    {
        var stream = RedisServerFixture.NewStream();
        await using var provider = TransportHost.BusOnly(redis.ConnectionString, stream);
        var bus = provider.GetRequiredService<IEventBus>();
        var property = Guid.NewGuid();
        var at = new DateTimeOffset(2031, 2, 3, 4, 5, 6, 789, TimeSpan.FromHours(2)).AddTicks(1234);
        var d1 = new DateOnly(2031, 3, 1);
        PmsEvent[] payloads =
        [
            new BookingConfirmed { BookingId = "b-1", CheckIn = d1, CheckOut = d1.AddDays(4), Units = 2, Source = "airbnb", SourceConnectionId = Guid.NewGuid(), Status = "confirmed" },
            new BookingCancelled { BookingId = "b-2", CheckIn = d1, CheckOut = d1.AddDays(1) },
            new BookingModified { BookingId = "b-3", CheckIn = d1.AddDays(2), CheckOut = d1.AddDays(9), Units = 3, Source = "direct", Status = "modified" },
            new PricingUpdated { From = d1, To = d1.AddDays(30), Rate = 123.4567m, Currency = "CHF" },
            new AvailabilityUpdated { From = d1, To = d1.AddDays(7), TotalUnits = 4, StopSell = true, MinStay = 2, MaxStay = 14, ClosedToArrival = true, ClosedToDeparture = false },
        ];
        var sent = payloads.Select((p, i) => new EventEnvelope { EventId = Guid.NewGuid(), TenantId = "tenant-ü", PropertyId = property, OccurredAt = at, Version = 40 + i, Payload = p }).ToList();
        foreach (var e in sent)
        {
            await bus.PublishAsync(e, TestContext.Current.CancellationToken);
        }

        var received = await TakeAsync(bus, sent.Count);

        Assert.Equal(sent, received.Select(d => d.Envelope)); // record equality: every envelope and payload field
        Assert.All(received, d => Assert.Equal(1, d.DeliveryCount));
        Assert.Equal(at, received[0].Envelope.OccurredAt);
        Assert.Equal(at.Offset, received[0].Envelope.OccurredAt.Offset);

        // The inspection fields next to the envelope.
        var entries = await redis.Db.StreamRangeAsync(stream);
        Assert.Equal(sent.Select(e => e.EventId.ToString("D")), entries.Select(e => (string?)e["event_id"]));
        Assert.Equal(sent.Select(e => e.Type), entries.Select(e => (string?)e["type"]));

        foreach (var d in received)
        {
            await d.AcknowledgeAsync(TestContext.Current.CancellationToken);
        }

        await Eventually.TrueAsync(async () => (await redis.Db.StreamPendingAsync(stream, Group)).PendingMessageCount == 0, "the acknowledgements reached Redis");
    }

    [Fact]
    public async Task A_consumer_restarting_under_its_name_first_re_reads_what_it_had_received_but_not_acknowledged()
    {
        var stream = RedisServerFixture.NewStream();
        await redis.Db.StreamCreateConsumerGroupAsync(stream, Group, "0", createStream: true);
        await using var provider = TransportHost.BusOnly(redis.ConnectionString, stream, o => o.ConsumerName = "worker-1");
        var bus = provider.GetRequiredService<IEventBus>();
        var before = new List<EventEnvelope>();
        for (var i = 0; i < 5; i++)
        {
            before.Add(TestEvents.Envelope(TestEvents.Pricing(i)));
            await bus.PublishAsync(before[^1], TestContext.Current.CancellationToken);
        }

        // worker-1 received these five and died before acknowledging them.
        var taken = await redis.Db.StreamReadGroupAsync(stream, Group, "worker-1", ">", 5);
        Assert.Equal(5, taken.Length);

        var after = new List<EventEnvelope>();
        for (var i = 5; i < 10; i++)
        {
            after.Add(TestEvents.Envelope(TestEvents.Pricing(i)));
            await bus.PublishAsync(after[^1], TestContext.Current.CancellationToken);
        }

        var received = await TakeAsync(bus, 10);

        Assert.Equal(before.Concat(after).Select(e => e.EventId), received.Select(d => d.Envelope.EventId));
        Assert.All(received.Take(5), d => Assert.Equal(2, d.DeliveryCount));
        Assert.All(received.Skip(5), d => Assert.Equal(1, d.DeliveryCount));
        foreach (var d in received)
        {
            await d.AcknowledgeAsync(TestContext.Current.CancellationToken);
        }

        await Eventually.TrueAsync(async () => (await redis.Db.StreamPendingAsync(stream, Group)).PendingMessageCount == 0, "everything was acknowledged");
    }

    [Fact]
    public async Task Entries_of_a_consumer_that_stopped_mid_batch_are_claimed_by_another_after_the_idle_time_and_all_finish()
    {
        var stream = RedisServerFixture.NewStream();
        var sent = Enumerable.Range(0, 20).Select(i => TestEvents.Envelope(TestEvents.Pricing(i))).ToList();
        var handled = new HashSet<Guid>();
        List<EventDelivery> inHand;
        await using (var a = TransportHost.BusOnly(redis.ConnectionString, stream, o => { o.ConsumerName = "a"; o.BatchSize = 10; }))
        {
            var bus = a.GetRequiredService<IEventBus>();
            foreach (var e in sent)
            {
                await bus.PublishAsync(e, TestContext.Current.CancellationToken);
            }

            inHand = await TakeAsync(bus, 4);
            await Eventually.TrueAsync(async () => (await redis.Db.StreamPendingAsync(stream, Group)).PendingMessageCount == 10, "consumer a holds a full batch");
            await inHand[0].AcknowledgeAsync(TestContext.Current.CancellationToken);
            await inHand[1].AcknowledgeAsync(TestContext.Current.CancellationToken);
            handled.Add(inHand[0].Envelope.EventId);
            handled.Add(inHand[1].Envelope.EventId);
        }

        // a is gone mid-batch: 2 acknowledged; 2 in its hands and the rest of its buffer stay pending under its name.
        var pending = await redis.Db.StreamPendingAsync(stream, Group);
        Assert.InRange(pending.PendingMessageCount, 8, 10); // 10 if a refilled its two free slots before it stopped
        Assert.Equal("a", (string?)Assert.Single(pending.Consumers).Name);

        var idle = TimeSpan.FromMilliseconds(600);
        await using var b = TransportHost.BusOnly(redis.ConnectionString, stream, o => { o.ConsumerName = "b"; o.ClaimMinIdleTime = idle; o.ClaimInterval = TimeSpan.FromMilliseconds(100); });
        var busB = b.GetRequiredService<IEventBus>();
        var taking = TakeAsync(busB, 18, acknowledge: true);
        await Task.Delay(250, TestContext.Current.CancellationToken);
        var early = await redis.Db.StreamPendingAsync(stream, Group);
        Assert.Equal(pending.PendingMessageCount, early.Consumers.Single(c => c.Name == "a").PendingMessageCount); // not idle long enough yet
        var received = await taking;
        foreach (var d in received)
        {
            Assert.True(handled.Add(d.Envelope.EventId), "no event reaches b twice or after a acknowledged it");
        }

        Assert.Equal(sent.Select(e => e.EventId).ToHashSet(), handled);
        var reclaimed = received.Where(d => d.DeliveryCount == 2).Select(d => d.Envelope.EventId).ToList();
        Assert.Equal(pending.PendingMessageCount, reclaimed.Count);
        Assert.Equal(18 - pending.PendingMessageCount, received.Count(d => d.DeliveryCount == 1));
        Assert.Contains(inHand[2].Envelope.EventId, reclaimed);
        Assert.Contains(inHand[3].Envelope.EventId, reclaimed);
        await Eventually.TrueAsync(async () => (await redis.Db.StreamPendingAsync(stream, Group)).PendingMessageCount == 0, "everything was acknowledged");
    }

    [Fact]
    public async Task A_live_consumer_keeps_its_buffered_entries_however_long_they_wait_while_another_claims_nothing_of_them()
    {
        var stream = RedisServerFixture.NewStream();
        void Fast(RedisStreamsOptions o)
        {
            o.ClaimMinIdleTime = TimeSpan.FromMilliseconds(400);
            o.ClaimInterval = TimeSpan.FromMilliseconds(100);
        }

        await using var a = TransportHost.BusOnly(redis.ConnectionString, stream, o => { Fast(o); o.ConsumerName = "a"; o.BatchSize = 5; o.FallbackPollInterval = TimeSpan.FromMilliseconds(50); });
        var busA = a.GetRequiredService<IEventBus>();
        for (var i = 0; i < 20; i++)
        {
            await busA.PublishAsync(TestEvents.Envelope(TestEvents.Pricing(i)), TestContext.Current.CancellationToken);
        }

        await TakeAsync(busA, 1, acknowledge: true); // starts a's reader; a then holds a buffer nobody takes
        await Task.Delay(300, TestContext.Current.CancellationToken); // a flushed its acknowledgement and settled
        var held = (await redis.Db.StreamPendingAsync(stream, Group)).Consumers.Single(c => c.Name == "a").PendingMessageCount;
        Assert.InRange(held, 3, 5);

        await using var b = TransportHost.BusOnly(redis.ConnectionString, stream, o => { Fast(o); o.ConsumerName = "b"; });
        var busB = b.GetRequiredService<RedisStreamsEventBus>();
        var received = await TakeAsync(busB, 19 - held, acknowledge: true); // everything a has not read
        await Task.Delay(1200, TestContext.Current.CancellationToken); // three times the idle time

        var pending = await redis.Db.StreamPendingAsync(stream, Group);
        Assert.Equal(held, pending.Consumers.Single(c => c.Name == "a").PendingMessageCount); // refreshed by a, not claimed by b
        Assert.Equal(held, pending.PendingMessageCount);
        var entries = await redis.Db.StreamPendingMessagesAsync(stream, Group, 100, RedisValue.Null);
        Assert.All(entries, e => Assert.Equal(("a", 1), ((string?)e.ConsumerName, e.DeliveryCount))); // never claimed, by b or by a itself
        Assert.Equal(0, busB.InFlight);
        Assert.All(received, d => Assert.Equal(1, d.DeliveryCount));
    }

    [Fact]
    public async Task A_malformed_entry_goes_straight_to_the_dead_letters_and_the_stream_moves_on()
    {
        var stream = RedisServerFixture.NewStream();
        await using var provider = TransportHost.BusOnly(redis.ConnectionString, stream);
        var bus = provider.GetRequiredService<RedisStreamsEventBus>();
        var bad = await redis.Db.StreamAddAsync(stream, [new("envelope", Encoding.UTF8.GetBytes("{\"type\":\"booking.confirmed\",\"payload\":")), new("event_id", "e-bad"), new("type", "booking.confirmed")]);
        var good = TestEvents.Envelope(TestEvents.Pricing(1));
        await bus.PublishAsync(good, TestContext.Current.CancellationToken);

        var received = await TakeAsync(bus, 1);
        Assert.Equal(good.EventId, received[0].Envelope.EventId);
        await received[0].AcknowledgeAsync(TestContext.Current.CancellationToken);

        var letters = await redis.Db.StreamRangeAsync(stream + ":dead-letters");
        var letter = Assert.Single(letters);
        Assert.Equal(bad, letter["original_id"]);
        Assert.Equal("1", (string?)letter["malformed"]);
        Assert.Equal("e-bad", (string?)letter["event_id"]);
        Assert.Contains("malformed envelope", (string?)letter["reason"], StringComparison.Ordinal);
        Assert.Empty(await bus.ListAsync(10, TestContext.Current.CancellationToken)); // no envelope to show
        Assert.False(await bus.ReplayAsync(letter.Id!, TestContext.Current.CancellationToken));
        await Eventually.TrueAsync(async () => (await redis.Db.StreamPendingAsync(stream, Group)).PendingMessageCount == 0, "the bad entry was acknowledged too");
    }

    /// <summary>Takes deliveries from the bus; with <paramref name="acknowledge"/>, acknowledges each on arrival, as the
    /// engine's worker does (a delivery held longer than ClaimMinIdleTime is given up on and delivered again).</summary>
    private static async Task<List<EventDelivery>> TakeAsync(IEventBus bus, int count, bool acknowledge = false)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(15));
        var received = new List<EventDelivery>();
        await foreach (var d in bus.ConsumeAsync(cts.Token))
        {
            received.Add(d);
            if (acknowledge)
            {
                await d.AcknowledgeAsync(cts.Token);
            }

            if (received.Count == count)
            {
                break;
            }
        }

        return received;
    }
}
