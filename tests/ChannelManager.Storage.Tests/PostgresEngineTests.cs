using ChannelManager.Testing;
using ChannelManager.Adapters;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Engine.Bookings;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Inbound;
using ChannelManager.Events;
using ChannelManager.Inventory;
using ChannelManager.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Storage.Tests;

/// <summary>The whole engine on PostgreSQL: connections, events, ledger, dispatcher and inbox all go through the database.</summary>
public sealed class PostgresEngineTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_booking_closes_its_nights_on_the_other_channel_and_the_ledger_lives_in_postgres()
    {
        var adapter = new RecordingAdapter();
        await using var host = await PostgresHost.StartAsync(db.ConnectionString, services: s => s.AddSingleton<IChannelAdapter>(adapter));
        var connections = host.Get<ChannelConnectionService>();
        const string tenant = "engine-tenant";
        var property = Guid.NewGuid();
        var source = await connections.CreateAsync(tenant, new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "pg-src", AccessToken = "a" }, Ct);
        var other = await connections.CreateAsync(tenant, new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "pg-other", AccessToken = "b" }, Ct);
        var checkIn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10);
        var nights = Enumerable.Range(0, 3).Select(i => checkIn.AddDays(i)).ToList();
        await Eventually.TrueAsync(() => nights.All(n => adapter.IsOpen("pg-other", n) && adapter.IsOpen("pg-src", n)), "both new connections' windows were pushed");

        var envelope = await host.Get<EventService>().PublishAsync(
            tenant,
            property,
            new BookingConfirmed { BookingId = "pg-b1", CheckIn = checkIn, CheckOut = checkIn.AddDays(3), Source = "airbnb", SourceConnectionId = source.Id },
            cancellationToken: Ct);

        await Eventually.TrueAsync(() => nights.All(n => adapter.IsClosed("pg-other", n)), "the booked nights are closed on the other listing");
        await Eventually.TrueAsync(() => nights.All(n => adapter.IsClosed("pg-src", n)), "the source listing is told the ledger's state too");
        Assert.True(adapter.IsOpen("pg-other", checkIn.AddDays(3)));

        // The state is in PostgreSQL.
        Assert.Equal(2L, await db.ScalarAsync<long>("select count(*) from channel_manager.channel_connections where tenant_id = @t and property_id = @p", ("t", tenant), ("p", property)));
        Assert.Equal("confirmed", await db.ScalarAsync<string>("select status from channel_manager.ledger_bookings where tenant_id = @t and booking_id = 'pg-b1'", ("t", tenant)));
        Assert.Equal(3L, await db.ScalarAsync<long>("select count(*) from channel_manager.ledger_nights where tenant_id = @t and property_id = @p and booked = 1", ("t", tenant), ("p", property)));
        Assert.True(await db.ScalarAsync<bool>("select exists (select 1 from channel_manager.processed_events where event_id = @id)", ("id", envelope.EventId)));
        await Eventually.TrueAsync(async () => await db.ScalarAsync<long>("select count(*) from channel_manager.sync_logs where tenant_id = @t and connection_id = @c and outcome = 'succeeded'", ("t", tenant), ("c", other.Id)) >= 2, "the pushes are in the sync log");
        await Eventually.TrueAsync(async () => await db.ScalarAsync<long>("select count(*) from channel_manager.dirty_marks where tenant_id = @t", ("t", tenant)) == 0, "every pushed mark is cleared");
        var logs = await connections.GetSyncLogsAsync(tenant, other.Id, new Common.PageRequest(Limit: 1), Ct);
        Assert.NotNull(logs.NextCursor);
        Assert.True(logs.Total >= 2);
    }

    [Fact]
    public async Task A_webhook_goes_through_the_postgres_inbox_into_the_ledger_and_the_pms()
    {
        var adapter = new RecordingAdapter();
        await using var host = await PostgresHost.StartAsync(db.ConnectionString, engine: o => o.InboxPollInterval = TimeSpan.FromMilliseconds(200), services: s => s.AddSingleton<IChannelAdapter>(adapter));
        const string tenant = "inbox-tenant";
        var property = Guid.NewGuid();
        var connection = await host.Get<ChannelConnectionService>().CreateAsync(tenant, new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "pg-hook", AccessToken = "a" }, Ct);
        var checkIn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20);
        lock (adapter.Reservations)
        {
            adapter.Reservations.Add(new PlatformReservation
            {
                Platform = Platform.Airbnb,
                ConfirmationCode = "HMPG1",
                ListingId = "pg-hook",
                Stay = new DateRange(checkIn, checkIn.AddDays(2)),
                Status = BookingStatus.Confirmed,
                UpdatedAt = DateTimeOffset.UtcNow,
            });
        }

        var request = new WebhookRequest
        {
            Headers = new Dictionary<string, string> { ["X-Test-Secret"] = "s3cret", ["X-Delivery"] = "delivery-pg-1" },
            Body = "pg-hook|HMPG1"u8.ToArray(),
            ReceivedAt = DateTimeOffset.UtcNow,
        };
        var ingestion = host.Get<WebhookIngestionService>();
        Assert.Equal(WebhookIngestionOutcome.Accepted, (await ingestion.IngestAsync(Platform.Airbnb, request, Ct)).Outcome);
        Assert.Equal(WebhookIngestionOutcome.Duplicate, (await ingestion.IngestAsync(Platform.Airbnb, request, Ct)).Outcome);

        var sink = host.Get<InMemoryPmsBookingSink>();
        await Eventually.TrueAsync(() => sink.Received.Any(b => b.BookingId == "airbnb:HMPG1"), "the PMS received the imported booking");
        await Eventually.TrueAsync(async () => await db.ScalarAsync<long>("select count(*) from channel_manager.webhook_inbox where dedupe_key = 'id:delivery-pg-1' and processed_at is not null") == 1, "the inbox entry is processed");
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from channel_manager.webhook_inbox where dedupe_key = 'id:delivery-pg-1'"));
        Assert.Single(sink.Received, b => b.BookingId == "airbnb:HMPG1");
        var booking = await host.Get<IInventoryLedger>().GetBookingAsync(tenant, "airbnb:HMPG1", Ct);
        Assert.Equal(connection.Id, booking?.SourceConnectionId);
        Assert.Equal(Platform.Airbnb, booking?.Platform);
    }
}
