using ChannelManager.Engine.Events.InProcess;
using ChannelManager.Engine.Storage.PostgreSql;
using ChannelManager.Engine.Storage.PostgreSql.Outbox;
using ChannelManager.Events;
using ChannelManager.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace ChannelManager.Storage.Tests;

/// <summary>
/// PostgreSQL restarts in the middle of a run. This class has a server of its own (the shared one must stay up for
/// the other classes).
/// </summary>
public sealed class PostgresRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PostgresTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await PostgresTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Every_event_enqueued_around_a_restart_is_handled_once()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var cs = await _server.CreateDatabaseAsync("restart");
        RecordingEventBus? bus = null;
        await using var host = await PostgresHost.StartAsync(
            cs,
            engine: o =>
            {
                // Deliveries that fail while PostgreSQL is down are redelivered, not dead-lettered.
                o.MaxEventDeliveries = 100;
                o.EventRedeliveryDelay = TimeSpan.FromMilliseconds(5);
            },
            postgres: o =>
            {
                // Only a notification wakes the relay quickly; small batches keep it busy when PostgreSQL goes.
                o.OutboxPollInterval = TimeSpan.FromSeconds(30);
                o.OutboxBatchSize = 20;
            },
            services: s =>
            {
                s.RemoveAll<IEventBus>();
                s.AddSingleton<IEventBus>(sp => bus = new RecordingEventBus(sp.GetRequiredService<InProcessEventBus>()));
            });
        bus = (RecordingEventBus)host.Get<IEventBus>();
        bus.PublishDelay = TimeSpan.FromMilliseconds(4);
        output.WriteLine($"{sw.ElapsedMilliseconds} ms: host started, acked {bus.Acknowledged.Count}");
        var outbox = host.Get<PostgresEventOutbox>();
        var listener = host.Get<OutboxListener>();
        await Eventually.TrueAsync(() => listener.IsListening, "the relay listens for notifications");

        // 500 one-night bookings of one property, each on its own night.
        var property = Guid.NewGuid();
        var first = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var events = Enumerable.Range(0, 500).Select(i => new EventEnvelope
        {
            EventId = Guid.NewGuid(),
            TenantId = "restart",
            PropertyId = property,
            OccurredAt = DateTimeOffset.UtcNow,
            Payload = new BookingConfirmed { BookingId = $"r{i}", CheckIn = first.AddDays(i), CheckOut = first.AddDays(i + 1) },
        }).ToList();

        foreach (var e in events.Take(250))
        {
            await outbox.EnqueueAsync(e, Ct);
        }

        // Restart PostgreSQL while the relay (and the consumers) are at work.
        await Eventually.TrueAsync(() => bus.Published.Count >= 60, "relaying is under way");
        await _server.StopAsync();
        output.WriteLine($"{sw.ElapsedMilliseconds} ms: stopped, acked {bus.Acknowledged.Count}");
        await Task.Delay(500, Ct);
        await _server.StartAgainAsync();
        output.WriteLine($"{sw.ElapsedMilliseconds} ms: started again, acked {bus.Acknowledged.Count}");

        // Enqueueing fails while the server comes back; the PMS would retry, and so does this test.
        foreach (var e in events.Skip(250))
        {
            await EnqueueWithRetryAsync(outbox, e);
        }

        await Eventually.TrueAsync(() => events.All(e => bus.Acknowledged.ContainsKey(e.EventId)), "every event was handled", 20_000);
        output.WriteLine($"{sw.ElapsedMilliseconds} ms: all handled, acked {bus.Acknowledged.Count}");

        // The relay's LISTEN connection came back by itself (the second half was relayed well within the 30 s poll).
        await Eventually.TrueAsync(() => listener.IsListening && listener.Connections >= 2, "the listener reconnected");
        output.WriteLine($"{sw.ElapsedMilliseconds} ms: listening, acked {bus.Acknowledged.Count}");

        // Each booking took its night exactly once: no event was lost, none was applied twice.
        await using var ds = NpgsqlDataSource.Create(_server.SuperuserConnectionString(cs));
        Assert.Equal(500L, await ScalarAsync<long>(ds, "select count(*) from channel_manager.ledger_bookings where tenant_id = 'restart'"));
        Assert.Equal(500L, await ScalarAsync<long>(ds, "select count(*) from channel_manager.ledger_nights where tenant_id = 'restart' and booked = 1"));
        Assert.Equal(0L, await ScalarAsync<long>(ds, "select count(*) from channel_manager.ledger_nights where tenant_id = 'restart' and booked <> 1"));
        Assert.Equal(0L, await ScalarAsync<long>(ds, "select count(*) from channel_manager.ledger_bookings where tenant_id = 'restart' and overbooked"));
        Assert.Equal(500L, await ScalarAsync<long>(ds, "select count(*) from channel_manager.processed_events where event_id = any(@ids)", events.Select(e => e.EventId).ToArray()));
        Assert.Equal(0L, await ScalarAsync<long>(ds, "select count(*) from channel_manager.outbox where published_at is null"));
        Assert.All(events, e => Assert.True(bus.Published.ContainsKey(e.EventId)));
        output.WriteLine($"published again after the restart (tolerated, deduplicated by event id): {bus.Published.Count(p => p.Value > 1)}; deliveries acknowledged more than once: {bus.Acknowledged.Count(p => p.Value > 1)}");
    }

    private static async Task EnqueueWithRetryAsync(PostgresEventOutbox outbox, EventEnvelope envelope)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await outbox.EnqueueAsync(envelope, Ct);
                return;
            }
            catch (NpgsqlException) when (attempt < 100)
            {
                await Task.Delay(50, Ct);
            }
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource ds, string sql, Guid[]? ids = null)
    {
        await using var command = ds.CreateCommand(sql);
        if (ids is not null)
        {
            command.Parameters.AddValue("ids", ids);
        }

        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
