using ChannelManager.Common;
using ChannelManager.Engine.Events.InProcess;
using ChannelManager.Engine.Storage.PostgreSql.Outbox;
using ChannelManager.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace ChannelManager.Storage.Tests;

public sealed class OutboxTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_committed_event_is_published_once_at_once_and_consumed()
    {
        var (host, bus) = await StartAsync();
        await using var _ = host;
        var outbox = host.Get<PostgresEventOutbox>();
        var envelope = Booking();

        await using (var connection = await db.DataSource.OpenConnectionAsync(Ct))
        await using (var transaction = await connection.BeginTransactionAsync(Ct))
        {
            await outbox.EnqueueAsync(transaction, envelope, Ct);
            await transaction.CommitAsync(Ct);
        }

        // The relay polls only every 30 s here: only the notification on commit can make it this fast.
        await Eventually.TrueAsync(() => bus.Acknowledged.ContainsKey(envelope.EventId), "the consumer handled the event", 5_000);
        await Eventually.TrueAsync(async () => await PublishedAtAsync(envelope.EventId) is not null, "the row is marked published", 5_000);
        await Task.Delay(300, Ct);
        Assert.Equal(1, bus.Published[envelope.EventId]);
        Assert.Equal(1, bus.Acknowledged[envelope.EventId]);

        // The consumer's handling reached the ledger (the event really went through the engine).
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from channel_manager.ledger_bookings where booking_id = @id", ("id", ((BookingConfirmed)envelope.Payload).BookingId)));

        // Enqueueing the same event again stores nothing new and publishes nothing new.
        await outbox.EnqueueAsync(envelope, Ct);
        await Task.Delay(300, Ct);
        Assert.Equal(1, bus.Published[envelope.EventId]);
    }

    [Fact]
    public async Task A_rolled_back_event_is_never_published()
    {
        var (host, bus) = await StartAsync();
        await using var _ = host;
        var outbox = host.Get<PostgresEventOutbox>();
        var rolledBack = Booking();
        var marker = Booking();

        await using (var connection = await db.DataSource.OpenConnectionAsync(Ct))
        {
            await using (var transaction = await connection.BeginTransactionAsync(Ct))
            {
                await outbox.EnqueueAsync(transaction, rolledBack, Ct);
                await transaction.RollbackAsync(Ct);
            }

            await using (var transaction = await connection.BeginTransactionAsync(Ct))
            {
                await outbox.EnqueueAsync(transaction, marker, Ct);
                await transaction.CommitAsync(Ct);
            }
        }

        await Eventually.TrueAsync(() => bus.Acknowledged.ContainsKey(marker.EventId), "the later, committed event was handled", 5_000);
        Assert.False(bus.Published.ContainsKey(rolledBack.EventId));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from channel_manager.outbox where id = @id", ("id", rolledBack.EventId)));
    }

    [Fact]
    public async Task An_invalid_event_is_refused_before_anything_is_written()
    {
        var (host, _) = await StartAsync();
        await using var __ = host;
        var invalid = Booking() with { TenantId = " ", Payload = new BookingConfirmed { BookingId = "b", CheckIn = new DateOnly(2025, 5, 2), CheckOut = new DateOnly(2025, 5, 1) } };

        var ex = await Assert.ThrowsAsync<ChannelManagerValidationException>(() => host.Get<PostgresEventOutbox>().EnqueueAsync(invalid, Ct));
        Assert.Contains("tenant_id", ex.Errors.Keys);
        Assert.Contains("payload.check_out", ex.Errors.Keys);
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from channel_manager.outbox where id = @id", ("id", invalid.EventId)));
    }

    [Fact]
    public async Task The_relay_outlasts_a_failing_bus_and_loses_or_repeats_nothing()
    {
        var (host, bus) = await StartAsync(pollInterval: TimeSpan.FromMilliseconds(200));
        await using var _ = host;
        var outbox = host.Get<PostgresEventOutbox>();
        bus.FailNext(5);

        var events = Enumerable.Range(0, 40).Select(_ => Booking()).ToList();
        foreach (var e in events)
        {
            await outbox.EnqueueAsync(e, Ct);
        }

        await Eventually.TrueAsync(() => events.All(e => bus.Acknowledged.ContainsKey(e.EventId)), "every event was handled", 15_000);
        await Task.Delay(300, Ct);
        Assert.Equal(5, bus.RefusedPublishes);
        Assert.All(events, e => Assert.Equal(1, bus.Published[e.EventId]));
        Assert.All(events, e => Assert.Equal(1, bus.Acknowledged[e.EventId]));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from channel_manager.outbox where published_at is null and id = any(@ids)", ("ids", events.Select(e => e.EventId).ToArray())));
    }

    [Fact]
    public async Task Two_relays_on_one_database_publish_each_event_exactly_once()
    {
        var (first, firstBus) = await StartAsync(batchSize: 7, pollInterval: TimeSpan.FromMilliseconds(50));
        await using var _ = first;
        var (second, secondBus) = await StartAsync(batchSize: 7, pollInterval: TimeSpan.FromMilliseconds(50));
        await using var __ = second;

        // Publishing takes a while (as a real broker does), so that one relay cannot drain everything before the other
        // polls, even on a loaded machine: both must take part for the test to mean anything.
        firstBus.PublishDelay = secondBus.PublishDelay = TimeSpan.FromMilliseconds(10);
        var events = Enumerable.Range(0, 300).Select(_ => Booking()).ToList();

        // Enqueue in a few big transactions, so both relays find plenty to claim at once.
        await using (var connection = await db.DataSource.OpenConnectionAsync(Ct))
        {
            foreach (var chunk in events.Chunk(100))
            {
                await using var transaction = await connection.BeginTransactionAsync(Ct);
                foreach (var e in chunk)
                {
                    await first.Get<PostgresEventOutbox>().EnqueueAsync(transaction, e, Ct);
                }

                await transaction.CommitAsync(Ct);
            }
        }

        await Eventually.TrueAsync(() => events.All(e => firstBus.Published.ContainsKey(e.EventId) || secondBus.Published.ContainsKey(e.EventId)), "every event was published", 20_000);
        await Task.Delay(300, Ct);
        Assert.All(events, e => Assert.Equal(1, firstBus.Published.GetValueOrDefault(e.EventId) + secondBus.Published.GetValueOrDefault(e.EventId)));
        Assert.NotEmpty(firstBus.Published);
        Assert.NotEmpty(secondBus.Published);
    }

    [Fact]
    public async Task Events_are_published_in_the_order_they_were_enqueued()
    {
        var (host, bus) = await StartAsync(batchSize: 8);
        await using var _ = host;
        var events = Enumerable.Range(0, 30).Select(_ => Booking()).ToList();
        await using (var connection = await db.DataSource.OpenConnectionAsync(Ct))
        await using (var transaction = await connection.BeginTransactionAsync(Ct))
        {
            foreach (var e in events)
            {
                await host.Get<PostgresEventOutbox>().EnqueueAsync(transaction, e, Ct);
            }

            await transaction.CommitAsync(Ct);
        }

        await Eventually.TrueAsync(() => events.All(e => bus.Published.ContainsKey(e.EventId)), "every event was published", 10_000);

        // Random (v4) ids, several batches: the order comes from the enqueue order, not from the ids.
        var ids = events.Select(e => e.EventId).ToHashSet();
        Assert.Equal(events.Select(e => e.EventId), bus.PublishOrder.Where(ids.Contains));
    }

    private async Task<DateTimeOffset?> PublishedAtAsync(Guid id)
    {
        await using var command = db.AdminDataSource.CreateCommand("select published_at from channel_manager.outbox where id = @id");
        command.Parameters.AddWithValue("id", id);
        var value = await command.ExecuteScalarAsync(Ct);
        return value is DateTime dt ? new DateTimeOffset(dt, TimeSpan.Zero) : value as DateTimeOffset?;
    }

    private async Task<(PostgresHost Host, RecordingEventBus Bus)> StartAsync(TimeSpan? pollInterval = null, int batchSize = 100)
    {
        RecordingEventBus? bus = null;
        var host = await PostgresHost.StartAsync(
            db.ConnectionString,
            postgres: o =>
            {
                o.OutboxPollInterval = pollInterval ?? TimeSpan.FromSeconds(30);
                o.OutboxBatchSize = batchSize;
            },
            services: s =>
            {
                s.RemoveAll<IEventBus>();
                s.AddSingleton<IEventBus>(sp => bus = new RecordingEventBus(sp.GetRequiredService<InProcessEventBus>()));
            });
        Assert.NotNull(bus = (RecordingEventBus)host.Get<IEventBus>());
        return (host, bus);
    }

    internal static EventEnvelope Booking()
    {
        var checkIn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(Random.Shared.Next(10, 50));
        return new EventEnvelope
        {
            EventId = Guid.NewGuid(),
            TenantId = "outbox-tenant",
            PropertyId = Guid.NewGuid(),
            OccurredAt = DateTimeOffset.UtcNow,
            Payload = new BookingConfirmed { BookingId = "b-" + Guid.NewGuid().ToString("N"), CheckIn = checkIn, CheckOut = checkIn.AddDays(2) },
        };
    }
}
