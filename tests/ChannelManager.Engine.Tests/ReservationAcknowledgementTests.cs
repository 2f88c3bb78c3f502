using System.Collections.Concurrent;
using ChannelManager.Adapters;
using ChannelManager.Bookings;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Inventory;
using ChannelManager.Sync;
using ChannelManager.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Engine.Tests;

/// <summary>A platform that queues reservations until they are acknowledged is told only of those safely stored.</summary>
public sealed class ReservationAcknowledgementTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pull_acknowledges_the_reservations_it_stored_and_not_the_one_the_PMS_refused()
    {
        var platform = new QueueingPlatform();
        var sink = new RefusingSink("BAD");
        await using var host = await EngineHost.StartAsync(null, [platform], s => s.AddSingleton<IPmsBookingSink>(sink));
        var service = host.Get<ChannelConnectionService>();
        var connection = await service.CreateAsync("t", new NewChannelConnection { PropertyId = Guid.NewGuid(), PlatformType = "airbnb", PlatformListingId = "Q", AccessToken = "x" }, Ct);
        foreach (var (code, offset) in new[] { ("OK1", 10), ("BAD", 20), ("OK2", 30) })
        {
            platform.Recording.Reservations.Add(new PlatformReservation
            {
                Platform = Platform.Airbnb,
                ConfirmationCode = code,
                ListingId = "Q",
                Stay = new DateRange(Today.AddDays(offset), Today.AddDays(offset + 2)),
                Status = BookingStatus.Confirmed,
                UpdatedAt = DateTimeOffset.UtcNow,
            });
        }

        await service.TriggerSyncAsync("t", connection.Id, SyncType.Bookings, Ct);

        await Eventually.TrueAsync(() => !platform.Acknowledged.IsEmpty, "the platform was told which reservations are stored");
        Assert.Equal(["OK1", "OK2"], platform.Acknowledged.Single().Order(StringComparer.Ordinal));
        Assert.Contains(sink.Received, b => b.Reservation.ConfirmationCode == "OK1");
        SyncLogEntry? pull = null;
        await Eventually.TrueAsync(
            async () => (pull = (await service.GetSyncLogsAsync("t", connection.Id, new PageRequest(50), Ct)).Items.FirstOrDefault(e => e.Operation == SyncOperations.ReservationPull)) is not null,
            "the pull was logged (after its acknowledgement)");
        Assert.NotNull(pull);
        Assert.Equal(SyncOutcome.Failed, pull.Outcome);
        Assert.Contains("BAD", pull.Error, StringComparison.Ordinal);
        Assert.Equal(2, pull.PlatformCalls);

        // The pull is retried: the refused reservation goes through once the PMS takes it, and is acknowledged then.
        sink.Refused = null;
        await Eventually.TrueAsync(() => platform.Acknowledged.Any(a => a.Contains("BAD")), "the retried pull acknowledged the reservation the PMS took at last", 15_000);
    }

    [Fact]
    public async Task An_alert_that_names_no_reservation_pulls_the_queue_and_one_that_names_it_fetches_and_acknowledges_it()
    {
        var platform = new QueueingPlatform();
        await using var host = await EngineHost.StartAsync(null, platform);
        var service = host.Get<ChannelConnectionService>();
        await service.CreateAsync("t", new NewChannelConnection { PropertyId = Guid.NewGuid(), PlatformType = "airbnb", PlatformListingId = "H", AccessToken = "x" }, Ct);
        platform.Recording.Reservations.Add(Reservation("N1", 10));
        platform.Recording.Reservations.Add(Reservation("N2", 20));
        var ingestion = host.Get<Inbound.WebhookIngestionService>();
        var sink = host.Get<Bookings.InMemoryPmsBookingSink>();

        Assert.Equal(Inbound.WebhookIngestionOutcome.Accepted, (await ingestion.IngestAsync(Platform.Airbnb, Alert("H|", "a-1"), Ct)).Outcome);
        await Eventually.TrueAsync(() => sink.Received.Count(b => b.Reservation.ConfirmationCode is "N1" or "N2") == 2, "the pull the alert asked for imported the queue");
        await Eventually.TrueAsync(() => platform.Acknowledged.Any(a => a.Contains("N1") && a.Contains("N2")), "and acknowledged it");

        platform.Recording.Reservations.Add(Reservation("N3", 30));
        await ingestion.IngestAsync(Platform.Airbnb, Alert("H|N3", "a-2"), Ct);
        await Eventually.TrueAsync(() => platform.Acknowledged.Any(a => a.SequenceEqual(["N3"])), "the named reservation was fetched, stored and acknowledged");
        Assert.Contains(sink.Received, b => b.Reservation.ConfirmationCode == "N3");

        static WebhookRequest Alert(string body, string delivery) => new()
        {
            Headers = new Dictionary<string, string> { ["X-Test-Secret"] = "s3cret", ["X-Delivery"] = delivery },
            Body = System.Text.Encoding.UTF8.GetBytes(body),
            ReceivedAt = DateTimeOffset.UtcNow,
        };
    }

    private static PlatformReservation Reservation(string code, int offset) => new()
    {
        Platform = Platform.Airbnb,
        ConfirmationCode = code,
        ListingId = "H",
        Stay = new DateRange(Today.AddDays(offset), Today.AddDays(offset + 2)),
        Status = BookingStatus.Confirmed,
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    private sealed class RefusingSink(string refused) : IPmsBookingSink
    {
        public string? Refused { get; set; } = refused;

        public ConcurrentQueue<ImportedBooking> Received { get; } = new();

        public Task ReceiveAsync(ImportedBooking booking, CancellationToken cancellationToken = default)
        {
            if (booking.Reservation.ConfirmationCode == Refused)
            {
                throw new InvalidOperationException("the PMS is down for this one");
            }

            Received.Enqueue(booking);
            return Task.CompletedTask;
        }
    }

    private sealed class QueueingPlatform : IChannelAdapter, IReservationAcknowledger
    {
        public RecordingAdapter Recording { get; } = new();

        public ConcurrentQueue<string[]> Acknowledged { get; } = new();

        public Platform Platform => Recording.Platform;

        public Task<int> AcknowledgeReservationsAsync(ChannelConnection connection, IReadOnlyList<PlatformReservation> reservations, CancellationToken cancellationToken = default)
        {
            Acknowledged.Enqueue(reservations.Select(r => r.ConfirmationCode).ToArray());
            return Task.FromResult(1);
        }

        public Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default) => Recording.PushAriAsync(request, cancellationToken);

        public Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default) =>
            Recording.FetchReservationsAsync(connection, request, cancellationToken);

        public WebhookVerificationResult VerifyWebhook(WebhookRequest request) => Recording.VerifyWebhook(request);

        /// <summary><c>listing|code</c>, where an empty code is an alert that names no reservation.</summary>
        public WebhookNotification ParseWebhook(WebhookRequest request)
        {
            var n = Recording.ParseWebhook(request);
            return n.ConfirmationCode is { Length: 0 } ? n with { ConfirmationCode = null, Kind = WebhookNotificationKind.ReservationModified } : n;
        }

        public Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default) => Recording.TestConnectionAsync(connection, cancellationToken);
    }
}
