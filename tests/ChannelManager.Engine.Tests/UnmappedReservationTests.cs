using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChannelManager.Adapters;
using ChannelManager.Bookings;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Engine.Bookings;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Inbound;
using ChannelManager.Engine.Sync;
using ChannelManager.Inventory;
using ChannelManager.Sync;
using ChannelManager.Unmapped;
using ChannelManager.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Engine.Tests;

/// <summary>
/// A booking for a listing no connection maps is kept and raised (record, observer, metric) instead of retried hot or
/// dropped, and imported as soon as the listing is connected.
/// </summary>
public sealed class UnmappedReservationTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_webhook_for_an_unknown_listing_is_recorded_once_parked_and_imported_when_the_listing_is_connected()
    {
        var observer = new CollectingObserver();
        var adapter = new RecordingAdapter();
        await using var host = await EngineHost.StartAsync(null, [adapter], s => s.AddSingleton<IUnmappedReservationObserver>(observer));
        var counted = ListenToUnmappedCounter(host, out var listener);
        using var _ = listener;

        var property = Guid.NewGuid();
        var service = host.Get<ChannelConnectionService>();
        await service.CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "OTHER", AccessToken = "x" }, Ct);
        var night = Today.AddDays(20);
        adapter.Reservations.Add(new PlatformReservation
        {
            Platform = Platform.Airbnb,
            ConfirmationCode = "HMUNMAPPED",
            ListingId = "NEW",
            Stay = new DateRange(night, night.AddDays(2)),
            Status = BookingStatus.Confirmed,
            Guest = new GuestDetails("Ada", "Guest", "ada@example.com"),
            UpdatedAt = DateTimeOffset.UtcNow,
        });

        // Five deliveries of the same reservation (the platform retries; each has its own delivery id).
        var ingestion = host.Get<WebhookIngestionService>();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(WebhookIngestionOutcome.Accepted, (await ingestion.IngestAsync(Platform.Airbnb, Delivery("NEW|HMUNMAPPED", "d-" + i), Ct)).Outcome);
        }

        var store = host.Get<IUnmappedReservationStore>();
        var id = UnmappedReservationTracker.RecordId(Platform.Airbnb, "NEW", "reservation:HMUNMAPPED");
        await Eventually.TrueAsync(async () => (await store.GetAsync(null, id, Ct))?.TimesSeen == 5, "every delivery was seen on one record");
        var record = (await store.GetAsync(null, id, Ct))!;
        Assert.Equal(UnmappedReservationState.Open, record.State);
        Assert.Equal(UnmappedReservationSource.Webhook, record.Source);
        Assert.Equal("HMUNMAPPED", record.ConfirmationCode);
        Assert.Null(record.TenantId);
        Assert.Null(await store.GetAsync("t", id, Ct));
        Assert.Equal(id, Assert.Single(observer.Raised).Id);
        Assert.Equal([(1L, "airbnb")], counted.ToArray());

        // Parked, not retried hot: nothing is due within the next hour, and the entries stay pending.
        var inbox = host.Get<IWebhookInbox>();
        Assert.Empty(await inbox.GetDueAsync(100, DateTimeOffset.UtcNow.AddHours(1), Ct));
        Assert.Equal(5, (await inbox.GetBacklogAsync(Ct))[Platform.Airbnb]);
        Assert.Empty(host.Get<InMemoryPmsBookingSink>().Received);

        // Connecting the listing imports the booking at once and closes its nights on the other connection.
        var connection = await service.CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "NEW", AccessToken = "x" }, Ct);
        await Eventually.TrueAsync(() => host.Get<InMemoryPmsBookingSink>().Received.Any(b => b.Reservation.ConfirmationCode == "HMUNMAPPED"), "the parked booking was imported");
        await Eventually.TrueAsync(async () => (await store.GetAsync("t", id, Ct))?.State == UnmappedReservationState.Imported, "the record is imported and attributed to the tenant");
        Assert.Equal(connection.Id, (await store.GetAsync("t", id, Ct))!.ImportedConnectionId);
        await Eventually.TrueAsync(() => adapter.IsClosed("OTHER", night) && adapter.IsClosed("OTHER", night.AddDays(1)), "the nights are closed on the other connection");
        await Eventually.TrueAsync(async () => !(await inbox.GetBacklogAsync(Ct)).ContainsKey(Platform.Airbnb), "every parked entry was processed");
        Assert.Single(observer.Raised);
    }

    [Fact]
    public async Task A_pulled_reservation_of_an_unconnected_sibling_room_is_recorded_for_the_hotels_tenant_and_imported_once_the_room_is_connected()
    {
        var observer = new CollectingObserver();
        var adapter = new SharedQueueAdapter();
        await using var host = await EngineHost.StartAsync(null, [adapter], s => s.AddSingleton<IUnmappedReservationObserver>(observer));
        var service = host.Get<ChannelConnectionService>();
        var room1 = await service.CreateAsync("hotelier", new NewChannelConnection { PropertyId = Guid.NewGuid(), PlatformType = "airbnb", PlatformListingId = "77:1", AccessToken = "x" }, Ct);
        var night = Today.AddDays(40);
        adapter.Recording.Reservations.Add(new PlatformReservation
        {
            Platform = Platform.Airbnb,
            ConfirmationCode = "R2-1",
            ListingId = "77:2",
            Stay = new DateRange(night, night.AddDays(3)),
            Status = BookingStatus.Confirmed,
            TotalAmount = 300m,
            Currency = "EUR",
            UpdatedAt = DateTimeOffset.UtcNow,
        });

        var store = host.Get<IUnmappedReservationStore>();
        var id = UnmappedReservationTracker.RecordId(Platform.Airbnb, "77:2", "reservation:R2-1");
        await service.TriggerSyncAsync("hotelier", room1.Id, SyncType.Bookings, Ct);
        await Eventually.TrueAsync(async () => await store.GetAsync("hotelier", id, Ct) is not null, "the pull recorded the sibling's reservation");
        await service.TriggerSyncAsync("hotelier", room1.Id, SyncType.Bookings, Ct);
        await Eventually.TrueAsync(async () => (await store.GetAsync("hotelier", id, Ct))?.TimesSeen >= 2, "the next pull saw it again (it stays in the queue)");
        var record = (await store.GetAsync("hotelier", id, Ct))!;
        Assert.Equal(UnmappedReservationSource.Pull, record.Source);
        Assert.Equal(room1.Id, record.FetchedViaConnectionId);
        Assert.Equal("77", record.ParentListingId);
        Assert.Equal(300m, record.Reservation!.TotalAmount);
        Assert.Single(observer.Raised);
        Assert.Empty(adapter.Acknowledged);

        var room2 = await service.CreateAsync("hotelier", new NewChannelConnection { PropertyId = Guid.NewGuid(), PlatformType = "airbnb", PlatformListingId = "77:2", AccessToken = "x" }, Ct);
        await Eventually.TrueAsync(async () => (await store.GetAsync("hotelier", id, Ct))?.State == UnmappedReservationState.Imported, "the new room's pull imported the reservation");
        Assert.Equal(room2.Id, (await store.GetAsync("hotelier", id, Ct))!.ImportedConnectionId);
        Assert.Contains(host.Get<InMemoryPmsBookingSink>().Received, b => b.Reservation.ConfirmationCode == "R2-1");
        await Eventually.TrueAsync(() => adapter.Acknowledged.Contains("R2-1"), "and acknowledged it once stored");
    }

    [Fact]
    public async Task A_dismissed_record_drops_its_parked_webhooks_and_stays_dismissed_when_seen_again()
    {
        var adapter = new RecordingAdapter();
        await using var host = await EngineHost.StartAsync(null, adapter);
        var ingestion = host.Get<WebhookIngestionService>();
        await ingestion.IngestAsync(Platform.Airbnb, Delivery("GONE|HMX", "g-1"), Ct);
        var store = host.Get<IUnmappedReservationStore>();
        var id = UnmappedReservationTracker.RecordId(Platform.Airbnb, "GONE", "reservation:HMX");
        await Eventually.TrueAsync(async () => await store.GetAsync(null, id, Ct) is not null, "the webhook was recorded");

        // A tenant cannot dismiss a record that is not attributed to it; an operator can.
        var unmapped = host.Get<UnmappedReservationService>();
        Assert.Null(await unmapped.DismissAsync("t", id, Ct));
        Assert.Equal(UnmappedReservationState.Dismissed, (await unmapped.DismissAsync(null, id, Ct))!.State);
        var inbox = host.Get<IWebhookInbox>();
        await Eventually.TrueAsync(async () => !(await inbox.GetBacklogAsync(Ct)).ContainsKey(Platform.Airbnb), "the parked entry was dropped");

        await ingestion.IngestAsync(Platform.Airbnb, Delivery("GONE|HMX", "g-2"), Ct);
        // Seen three times: the first delivery, its recheck after the dismissal, the second delivery.
        await Eventually.TrueAsync(async () => (await store.GetAsync(null, id, Ct))?.TimesSeen == 3, "seen again");
        Assert.Equal(UnmappedReservationState.Dismissed, (await store.GetAsync(null, id, Ct))!.State);
        await Eventually.TrueAsync(async () => !(await inbox.GetBacklogAsync(Ct)).ContainsKey(Platform.Airbnb), "and dropped again");
    }

    private static WebhookRequest Delivery(string body, string delivery) => new()
    {
        Headers = new Dictionary<string, string> { ["X-Test-Secret"] = "s3cret", ["X-Delivery"] = delivery },
        Body = System.Text.Encoding.UTF8.GetBytes(body),
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    private static ConcurrentQueue<(long Value, string? Platform)> ListenToUnmappedCounter(EngineHost host, out MeterListener listener)
    {
        // Only this host's meter: other tests in the process record unmapped reservations too.
        var meters = host.Get<IMeterFactory>();
        var counted = new ConcurrentQueue<(long, string?)>();
        listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ConflictRecorder.MeterName && instrument.Meter.Scope == meters && instrument.Name == "channel_manager_unmapped_reservations_total")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? platform = null;
            foreach (var t in tags)
            {
                if (t.Key == "platform")
                {
                    platform = t.Value as string;
                }
            }

            counted.Enqueue((value, platform));
        });
        listener.Start();
        return counted;
    }

    private sealed class CollectingObserver : IUnmappedReservationObserver
    {
        public ConcurrentQueue<UnmappedReservation> Raised { get; } = new();

        public Task OnUnmappedReservationAsync(UnmappedReservation reservation, CancellationToken cancellationToken = default)
        {
            Raised.Enqueue(reservation);
            return Task.CompletedTask;
        }
    }

    /// <summary>A platform with one reservation queue per hotel (<c>{hotel}:{room}</c>), shared by its rooms' connections, as Booking.com's.</summary>
    private sealed class SharedQueueAdapter : IChannelAdapter, IReservationAcknowledger
    {
        public RecordingAdapter Recording { get; } = new();

        public ConcurrentQueue<string> Acknowledged { get; } = new();

        public Platform Platform => Platform.Airbnb;

        public Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default) => Recording.PushAriAsync(request, cancellationToken);

        public Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default)
        {
            var hotel = connection.PlatformListingId.Split(':')[0] + ":";
            lock (Recording.Reservations)
            {
                return Task.FromResult<IReadOnlyList<PlatformReservation>>(Recording.Reservations
                    .Where(r => r.ListingId.StartsWith(hotel, StringComparison.Ordinal) && !Acknowledged.Contains(r.ConfirmationCode))
                    .ToList());
            }
        }

        public Task<int> AcknowledgeReservationsAsync(ChannelConnection connection, IReadOnlyList<PlatformReservation> reservations, CancellationToken cancellationToken = default)
        {
            foreach (var r in reservations)
            {
                Acknowledged.Enqueue(r.ConfirmationCode);
            }

            return Task.FromResult(1);
        }

        public WebhookVerificationResult VerifyWebhook(WebhookRequest request) => Recording.VerifyWebhook(request);

        public WebhookNotification ParseWebhook(WebhookRequest request) => Recording.ParseWebhook(request);

        public Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default) => Recording.TestConnectionAsync(connection, cancellationToken);
    }
}
