using ChannelManager.Testing;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Engine.Events;
using ChannelManager.Events;
using ChannelManager.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Tests;

public sealed class DispatcherAndBusTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_failed_push_is_retried_until_the_platform_has_the_state_and_every_attempt_is_logged()
    {
        var adapter = new RecordingAdapter();
        adapter.FailNext(3); // the pipeline retries once per push, so two dispatcher attempts fail
        await using var host = await EngineHost.StartAsync(null, adapter);
        var service = host.Get<ChannelConnectionService>();
        var c = await service.CreateAsync("t1", new NewChannelConnection { PropertyId = Guid.NewGuid(), PlatformType = "airbnb", PlatformListingId = "L", AccessToken = "x" }, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => adapter.IsOpen("L", Today.AddDays(499)), "the whole window reached the platform");
        Assert.False(adapter.Calendar.ContainsKey(("L", Today.AddDays(500))), "nothing beyond the sync window is pushed");

        await Eventually.TrueAsync(
            async () => (await service.GetSyncLogsAsync("t1", c.Id, new Common.PageRequest(50))).Items.Any(e => e.Operation == SyncOperations.AriPush && e.Outcome == SyncOutcome.Succeeded),
            "the successful push was logged (the calendar is written before its row; the initial reservation pull's row is not it)");
        var page = await service.GetSyncLogsAsync("t1", c.Id, new Common.PageRequest(50), TestContext.Current.CancellationToken);
        var pushes = page.Items.Where(e => e.Operation == SyncOperations.AriPush).OrderBy(e => e.StartedAt).ToList();
        Assert.True(pushes.Count >= 2, $"expected a failed and a successful row, got {pushes.Count}");
        Assert.Equal(SyncOutcome.Failed, pushes[0].Outcome);
        Assert.Contains("simulated outage", pushes[0].Error, StringComparison.Ordinal);
        Assert.Equal(SyncOutcome.Succeeded, pushes[^1].Outcome);
        Assert.True(pushes[^1].Attempt > 1);
        Assert.Equal(new Inventory.DateRange(Today, Today.AddDays(500)), pushes[^1].Range);
        var after = await service.GetAsync("t1", c.Id, TestContext.Current.CancellationToken);
        Assert.NotNull(after.LastSyncAt);
        Assert.Null(after.LastError);
    }

    [Fact]
    public async Task Dirty_nights_persisted_before_a_crash_are_pushed_by_the_next_process()
    {
        // The stores outlive the "process" (as PostgreSQL would): the first host applies the event but its platform
        // is down; it stops; the second host, on the same stores, pushes the nights at start-up.
        var stores = new ServiceCollection().AddChannelManager().Services.BuildServiceProvider();
        var shared = new object[]
        {
            stores.GetRequiredService<ChannelManager.Connections.IChannelConnectionStore>(),
            stores.GetRequiredService<Inventory.IInventoryLedger>(),
            stores.GetRequiredService<IDirtyRangeStore>(),
        };
        var property = Guid.NewGuid();
        var night = Today.AddDays(30);
        Guid connectionId;

        var down = new RecordingAdapter();
        down.FailNext(int.MaxValue);
        await using (var first = await StartWithAsync(shared, down))
        {
            connectionId = (await first.Get<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "L", AccessToken = "x" }, TestContext.Current.CancellationToken)).Id;
            await first.Get<EventService>().PublishAsync("t", property, new BookingConfirmed { BookingId = "b1", CheckIn = night, CheckOut = night.AddDays(2) }, cancellationToken: TestContext.Current.CancellationToken);
            await Eventually.TrueAsync(async () => (await first.Get<IDirtyRangeStore>().LoadAsync()).Any(m => m.Mark.Trigger == EventTypes.BookingConfirmed), "the booking's nights were persisted as dirty");
        }

        Assert.Empty(down.Pushes);
        var up = new RecordingAdapter();
        await using var second = await StartWithAsync(shared, up);
        await Eventually.TrueAsync(() => up.IsClosed("L", night) && up.IsClosed("L", night.AddDays(1)), "the next process pushed the closed nights");
        await Eventually.TrueAsync(async () => (await second.Get<IDirtyRangeStore>().LoadAsync()).All(m => m.Mark.ConnectionId != connectionId), "the marks were cleared after the push");
    }

    private static async Task<EngineHost> StartWithAsync(object[] shared, RecordingAdapter adapter) =>
        await EngineHost.StartAsync(null, [adapter], services =>
        {
            services.AddSingleton((ChannelManager.Connections.IChannelConnectionStore)shared[0]);
            services.AddSingleton((Inventory.IInventoryLedger)shared[1]);
            services.AddSingleton((IDirtyRangeStore)shared[2]);
        });

    [Fact]
    public async Task A_poison_event_is_dead_lettered_after_the_maximum_deliveries_and_can_be_replayed()
    {
        await using var host = await EngineHost.StartAsync(o => o.MaxEventDeliveries = 3);
        var bus = host.Get<IEventBus>();
        var dead = host.Get<IDeadLetterQueue>();

        // An event for which the engine cannot succeed: its payload type is unknown to the sync engine.
        var envelope = new EventEnvelope { EventId = Guid.NewGuid(), TenantId = "t", PropertyId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Payload = new UnknownEvent() };
        await bus.PublishAsync(envelope, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(async () => (await dead.ListAsync(10)).Count == 1, "the event was dead-lettered");
        var letter = (await dead.ListAsync(10, TestContext.Current.CancellationToken))[0];
        Assert.Equal(envelope.EventId, letter.Envelope.EventId);
        Assert.Equal(3, letter.Deliveries);
        Assert.Contains("not handled", letter.Reason, StringComparison.Ordinal);

        Assert.True(await dead.ReplayAsync(letter.Id, TestContext.Current.CancellationToken));
        Assert.False(await dead.ReplayAsync(letter.Id, TestContext.Current.CancellationToken));
        await Eventually.TrueAsync(async () => (await dead.ListAsync(10)).Count == 1, "the replayed event failed again and returned");
    }

    [Fact]
    public async Task A_redelivered_event_is_handled_once()
    {
        var adapter = new RecordingAdapter();
        await using var host = await EngineHost.StartAsync(null, adapter);
        var property = Guid.NewGuid();
        await host.Get<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "L", AccessToken = "x" }, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => adapter.IsOpen("L", Today.AddDays(10)), "initial sync");
        var pushesBefore = adapter.PushCalls;
        var envelope = new EventEnvelope
        {
            EventId = Guid.NewGuid(), TenantId = "t", PropertyId = property, OccurredAt = DateTimeOffset.UtcNow,
            Payload = new PricingUpdated { From = Today.AddDays(10), To = Today.AddDays(12), Rate = 99m, Currency = "EUR" },
        };
        var bus = host.Get<IEventBus>();
        await bus.PublishAsync(envelope, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => adapter.Calendar[("L", Today.AddDays(10))].Rate == 99m, "the rate reached the platform");
        await Eventually.TrueAsync(() => host.Get<IProcessedEventStore>().IsProcessedAsync(envelope.EventId), "marked processed");
        var pushesAfterFirst = adapter.PushCalls;
        await bus.PublishAsync(envelope, TestContext.Current.CancellationToken);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(pushesAfterFirst, adapter.PushCalls);
        Assert.True(pushesAfterFirst > pushesBefore);
    }

    [Fact]
    public async Task Invalid_options_fail_at_start_up()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddChannelManager(o =>
        {
            o.SyncWindowDays = 0;
            o.DefaultResilience.AttemptTimeout = TimeSpan.FromMinutes(10);
            o.DefaultResilience.TotalTimeout = TimeSpan.FromMinutes(1);
        });
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(ex.Failures, f => f.Contains("SyncWindowDays", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("TotalTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void Envelopes_round_trip_through_json()
    {
        var envelope = new EventEnvelope
        {
            EventId = Guid.NewGuid(), TenantId = "t", PropertyId = Guid.NewGuid(), OccurredAt = DateTimeOffset.Parse("2030-01-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), Version = 7,
            Payload = new BookingModified { BookingId = "b", CheckIn = Today, CheckOut = Today.AddDays(2), Units = 2, SourceConnectionId = Guid.NewGuid() },
        };
        var json = EventEnvelopeSerializer.Serialize(envelope);
        var text = System.Text.Encoding.UTF8.GetString(json);
        Assert.Contains("\"type\":\"booking.modified\"", text, StringComparison.Ordinal);
        Assert.Contains("\"check_in\"", text, StringComparison.Ordinal);
        var back = EventEnvelopeSerializer.Deserialize(json);
        Assert.Equal(envelope, back);
        Assert.Throws<System.Text.Json.JsonException>(() => EventEnvelopeSerializer.Deserialize("{\"type\":\"booking.exploded\"}"u8));
    }

    [Fact]
    public void Envelopes_are_read_whatever_the_key_order_and_omitted_payload_fields_keep_their_defaults()
    {
        // PostgreSQL's jsonb reorders keys; a PMS may leave out optional fields.
        var json = """{"payload": {"check_out": "2030-01-03", "booking_id": "b", "check_in": "2030-01-01", "extra": {"x": [1, 2]}}, "version": 3, "type": "booking.confirmed", "tenant_id": "t", "occurred_at": "2030-01-01T00:00:00+00:00", "property_id": "6f9619ff-8b86-d011-b42d-00cf4fc964ff", "event_id": "0d8a7d4e-5f8b-4c1e-9d0e-1b2c3d4e5f60"}"""u8;
        var envelope = EventEnvelopeSerializer.Deserialize(json);
        var payload = Assert.IsType<BookingConfirmed>(envelope.Payload);
        Assert.Equal(1, payload.Units);
        Assert.Equal("direct", payload.Source);
        Assert.Equal(new DateOnly(2030, 1, 3), payload.CheckOut);
        Assert.Equal(3, envelope.Version);
        Assert.Throws<System.Text.Json.JsonException>(() => EventEnvelopeSerializer.Deserialize("""{"type":"pricing.updated","payload":{"from":"2030-01-01","to":"2030-01-02","rate":"cheap","currency":"EUR"},"event_id":"0d8a7d4e-5f8b-4c1e-9d0e-1b2c3d4e5f60","tenant_id":"t","property_id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","occurred_at":"2030-01-01T00:00:00Z"}"""u8));
        Assert.Throws<System.Text.Json.JsonException>(() => EventEnvelopeSerializer.Deserialize("""{"type":"pricing.updated","event_id":"nope"}"""u8));
        Assert.Throws<System.Text.Json.JsonException>(() => EventEnvelopeSerializer.Deserialize("[]"u8));
    }

    private sealed record UnknownEvent : PmsEvent
    {
        public override string EventType => "test.unknown";
    }
}
