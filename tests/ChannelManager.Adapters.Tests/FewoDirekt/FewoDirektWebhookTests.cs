using System.Text;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Bookings;
using ChannelManager.Simulator;
using ChannelManager.Simulator.FewoDirekt;
using ChannelManager.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace ChannelManager.Adapters.Tests.FewoDirekt;

public sealed class FewoDirektWebhookTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signed_notifications_are_verified_and_parsed_for_new_modified_and_cancelled_bookings()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        await using var simulator = await PlatformSimulator.StartAsync(
            new PlatformSimulatorOptions { FewoDirekt = { WebhookUrl = receiver.Url, WebhookSecret = FewoDirektTestData.WebhookSecret } }, Ct);
        await using var scope = FewoDirektScope.Create(simulator.FewoDirektBaseAddress);
        var listing = FewoDirektTestData.NewListingId();

        var created = await simulator.FewoDirekt.CreateReservationAsync(
            new FewoDirektReservationRequest
            {
                ListingId = listing,
                BeginDate = new DateOnly(2030, 12, 20),
                EndDate = new DateOnly(2030, 12, 27),
                Adults = 4,
                Children = 2,
                Email = "guest@relay.example",
                Phone = "+33 1 23 45 67 89",
                Rent = 1400m,
                CleaningFee = 90m,
                Currency = "EUR",
            },
            cancellationToken: Ct);
        var hook = await receiver.NextAsync(Ct);

        Assert.Equal(200, created.Webhook!.StatusCode);
        Assert.Equal(WebhookVerificationResult.Authentic, scope.Adapter.VerifyWebhook(hook));
        var notification = scope.Adapter.ParseWebhook(hook);
        Assert.Equal(WebhookNotificationKind.ReservationCreated, notification.Kind);
        Assert.Equal(created.Webhook.DeliveryId, notification.DeliveryId);
        Assert.Equal(listing, notification.ListingId);
        Assert.Equal(created.Reservation.ReservationId, notification.ConfirmationCode);
        Assert.Equal(
            new PlatformReservation
            {
                Platform = Connections.Platform.FewoDirekt,
                ConfirmationCode = created.Reservation.ReservationId,
                ListingId = listing,
                Stay = new Inventory.DateRange(new DateOnly(2030, 12, 20), new DateOnly(2030, 12, 27)),
                Status = BookingStatus.Confirmed,
                NumberOfGuests = 6,
                Guest = new GuestDetails("Erika", "Mustermann", "guest@relay.example", "+33 1 23 45 67 89"),
                TotalAmount = 1490m,
                Currency = "EUR",
                UpdatedAt = created.Reservation.LastUpdatedAt,
            },
            notification.Reservation);

        await simulator.FewoDirekt.ModifyReservationAsync(created.Reservation.ReservationId, new DateOnly(2030, 12, 21), new DateOnly(2030, 12, 28), cancellationToken: Ct);
        var modified = await receiver.NextAsync(Ct);
        Assert.True(scope.Adapter.VerifyWebhook(modified).IsAuthentic);
        Assert.Equal(WebhookNotificationKind.ReservationModified, scope.Adapter.ParseWebhook(modified).Kind);
        Assert.Equal(new DateOnly(2030, 12, 28), scope.Adapter.ParseWebhook(modified).Reservation!.Stay.End);

        await simulator.FewoDirekt.CancelReservationAsync(created.Reservation.ReservationId, cancellationToken: Ct);
        var cancelled = await receiver.NextAsync(Ct);
        Assert.True(scope.Adapter.VerifyWebhook(cancelled).IsAuthentic);
        var cancellation = scope.Adapter.ParseWebhook(cancelled);
        Assert.Equal(WebhookNotificationKind.ReservationCancelled, cancellation.Kind);
        Assert.Equal(BookingStatus.Cancelled, cancellation.Reservation!.Status);
    }

    [Fact]
    public async Task Bad_missing_and_expired_signatures_are_refused()
    {
        var now = new DateTimeOffset(2030, 1, 15, 8, 30, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(now);
        await using var scope = FewoDirektScope.Create(new Uri("http://127.0.0.1:9/"), timeProvider: clock);
        var body = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ping />");
        WebhookRequest Hook(string? signature, byte[]? content = null) => new()
        {
            Headers = signature is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["x-fewodirekt-signature"] = signature },
            Body = content ?? body,
            ReceivedAt = now,
        };
        var t = now.ToUnixTimeSeconds();

        var good = Hook(FewoDirektWebhookSigner.Sign(FewoDirektTestData.WebhookSecret, t, body));
        Assert.True(scope.Adapter.VerifyWebhook(good).IsAuthentic);
        Assert.Equal(WebhookNotificationKind.Test, scope.Adapter.ParseWebhook(good).Kind);

        // Rotation: any v1 matching is enough.
        Assert.True(scope.Adapter.VerifyWebhook(Hook($"t={t},v1={new string('0', 64)},{FewoDirektWebhookSigner.Sign(FewoDirektTestData.WebhookSecret, t, body).Split(',')[1]}")).IsAuthentic);

        Assert.False(scope.Adapter.VerifyWebhook(Hook(null)).IsAuthentic);
        Assert.False(scope.Adapter.VerifyWebhook(Hook(FewoDirektWebhookSigner.Sign("another-secret-0123456789", t, body))).IsAuthentic);
        Assert.False(scope.Adapter.VerifyWebhook(Hook(FewoDirektWebhookSigner.Sign(FewoDirektTestData.WebhookSecret, t, body), Encoding.UTF8.GetBytes("<ping/>"))).IsAuthentic);
        Assert.False(scope.Adapter.VerifyWebhook(Hook($"t={t}")).IsAuthentic);
        Assert.False(scope.Adapter.VerifyWebhook(Hook("v1=abc")).IsAuthentic);

        var stale = scope.Adapter.VerifyWebhook(Hook(FewoDirektWebhookSigner.Sign(FewoDirektTestData.WebhookSecret, t - 301, body)));
        Assert.False(stale.IsAuthentic);
        Assert.Contains("window", stale.FailureReason, StringComparison.Ordinal);
        Assert.DoesNotContain(FewoDirektTestData.WebhookSecret, stale.FailureReason, StringComparison.Ordinal);
        Assert.False(scope.Adapter.VerifyWebhook(Hook(FewoDirektWebhookSigner.Sign(FewoDirektTestData.WebhookSecret, t + 301, body))).IsAuthentic);
        Assert.True(scope.Adapter.VerifyWebhook(Hook(FewoDirektWebhookSigner.Sign(FewoDirektTestData.WebhookSecret, t - 299, body))).IsAuthentic);
    }

    [Fact]
    public async Task Malformed_bodies_are_format_errors()
    {
        await using var scope = FewoDirektScope.Create(new Uri("http://127.0.0.1:9/"));
        WebhookRequest Hook(string text) => new() { Headers = new Dictionary<string, string>(), Body = Encoding.UTF8.GetBytes(text), ReceivedAt = DateTimeOffset.UtcNow };

        Assert.Throws<WebhookFormatException>(() => scope.Adapter.ParseWebhook(Hook("not xml")));
        Assert.Throws<WebhookFormatException>(() => scope.Adapter.ParseWebhook(Hook("<!DOCTYPE x [<!ENTITY e \"x\">]><bookingRequest>&e;</bookingRequest>")));
        Assert.Throws<WebhookFormatException>(() => scope.Adapter.ParseWebhook(Hook("<bookingRequest><listingExternalId>l</listingExternalId></bookingRequest>")));
        Assert.Throws<WebhookFormatException>(() => scope.Adapter.ParseWebhook(Hook("<somethingElse/>")));
    }
}
