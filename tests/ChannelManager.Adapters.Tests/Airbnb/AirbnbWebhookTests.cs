using System.Text;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator;
using ChannelManager.Simulator.Airbnb;
using ChannelManager.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace ChannelManager.Adapters.Tests.Airbnb;

public sealed class AirbnbWebhookTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Now);
    private AdapterScope _scope = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IChannelAdapter Adapter => _scope.Adapter;

    public ValueTask InitializeAsync()
    {
        // Webhook verification makes no calls: the base URL is never used.
        _scope = AdapterScope.Create(new Uri("http://127.0.0.1:9/"), timeProvider: _clock);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();

    [Fact]
    public void A_correctly_signed_webhook_is_authentic()
    {
        var request = Signed(ReservationBody("reservation_acceptance_confirmation"));

        Assert.Equal(WebhookVerificationResult.Authentic, Adapter.VerifyWebhook(request));
    }

    [Fact]
    public void A_tampered_body_is_rejected()
    {
        var signed = Signed(ReservationBody("reservation_acceptance_confirmation"));
        var tampered = signed with { Body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(signed.Body.Span).Replace("\"nights\":3", "\"nights\":1", StringComparison.Ordinal)) };

        var result = Adapter.VerifyWebhook(tampered);

        Assert.False(result.IsAuthentic);
        Assert.Contains("does not match", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_signed_with_another_secret_is_rejected_and_the_reason_names_no_secret()
    {
        var result = Adapter.VerifyWebhook(Signed(ReservationBody("reservation_acceptance_confirmation"), secret: "another-secret-of-enough-length"));

        Assert.False(result.IsAuthentic);
        Assert.DoesNotContain(TestData.WebhookSecret, result.FailureReason, StringComparison.Ordinal);
        Assert.DoesNotContain("another-secret", result.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AirbnbWebhookSigner.SignatureHeader)]
    [InlineData(AirbnbWebhookSigner.TimestampHeader)]
    public void A_missing_header_is_rejected(string header)
    {
        var signed = Signed(ReservationBody("reservation_acceptance_confirmation"));
        var headers = signed.Headers.Where(h => !string.Equals(h.Key, header, StringComparison.OrdinalIgnoreCase)).ToDictionary();

        var result = Adapter.VerifyWebhook(signed with { Headers = headers });

        Assert.False(result.IsAuthentic);
        Assert.Contains(header, result.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1=zz")]
    [InlineData("sha256=abcdef")]
    [InlineData("v1=")]
    public void A_malformed_signature_is_rejected(string signature)
    {
        var signed = Signed(ReservationBody("reservation_acceptance_confirmation"));
        var headers = new Dictionary<string, string>(signed.Headers, StringComparer.OrdinalIgnoreCase) { [AirbnbWebhookSigner.SignatureHeader] = signature };

        Assert.False(Adapter.VerifyWebhook(signed with { Headers = headers }).IsAuthentic);
    }

    [Fact]
    public void One_matching_signature_among_several_is_enough_for_secret_rotation()
    {
        var body = ReservationBody("reservation_acceptance_confirmation");
        var timestamp = Now.ToUnixTimeSeconds();
        var old = AirbnbWebhookSigner.Sign("the-previous-secret-0000", timestamp, body);
        var current = AirbnbWebhookSigner.Sign(TestData.WebhookSecret, timestamp, body);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [AirbnbWebhookSigner.TimestampHeader] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [AirbnbWebhookSigner.SignatureHeader] = $"{old}, {current}",
        };

        Assert.True(Adapter.VerifyWebhook(Request(body, headers)).IsAuthentic);
    }

    [Theory]
    [InlineData(-6 * 60, false)] // stale: a replay six minutes later
    [InlineData(+6 * 60, false)] // from the future
    [InlineData(-4 * 60, true)]
    [InlineData(+4 * 60, true)]
    public void The_timestamp_must_be_within_the_tolerance(int offsetSeconds, bool accepted)
    {
        var request = Signed(ReservationBody("reservation_acceptance_confirmation"), timestamp: Now.AddSeconds(offsetSeconds));

        var result = Adapter.VerifyWebhook(request);

        Assert.Equal(accepted, result.IsAuthentic);
        if (!accepted)
        {
            Assert.Contains("window", result.FailureReason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_replayed_webhook_is_rejected_once_the_clock_moves_past_the_window()
    {
        var request = Signed(ReservationBody("reservation_acceptance_confirmation"));
        Assert.True(Adapter.VerifyWebhook(request).IsAuthentic);

        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.False(Adapter.VerifyWebhook(request).IsAuthentic);
    }

    [Theory]
    [InlineData("reservation_acceptance_confirmation", WebhookNotificationKind.ReservationCreated, BookingStatus.Confirmed)]
    [InlineData("reservation_alteration_confirmation", WebhookNotificationKind.ReservationModified, BookingStatus.Confirmed)]
    [InlineData("reservation_cancellation_confirmation", WebhookNotificationKind.ReservationCancelled, BookingStatus.Cancelled)]
    public void Reservation_actions_map_to_their_kind_with_the_whole_reservation(string action, WebhookNotificationKind kind, BookingStatus status)
    {
        var request = Signed(ReservationBody(action), deliveryId: "d-123");

        var notification = Adapter.ParseWebhook(request);

        Assert.Equal(Platform.Airbnb, notification.Platform);
        Assert.Equal(kind, notification.Kind);
        Assert.Equal(action, notification.PlatformEventName);
        Assert.Equal("d-123", notification.DeliveryId);
        Assert.Equal("12345678", notification.ListingId);
        Assert.Equal("HMABCD1234", notification.ConfirmationCode);
        var reservation = Assert.IsType<PlatformReservation>(notification.Reservation);
        Assert.Equal(status, reservation.Status);
        Assert.Equal(new DateRange(new DateOnly(2030, 7, 1), new DateOnly(2030, 7, 4)), reservation.Stay);
        Assert.Equal(2, reservation.NumberOfGuests);
        Assert.Equal(new GuestDetails("Ada", "Lovelace", "ada@guest.airbnb.example", "+44 20 7946 0000"), reservation.Guest);
        Assert.Equal(321.45m, reservation.TotalAmount);
        Assert.Equal("GBP", reservation.Currency);
        Assert.Equal(new DateTimeOffset(2030, 6, 1, 11, 59, 30, 123, TimeSpan.Zero), reservation.UpdatedAt);
    }

    [Theory]
    [InlineData("test_notification", WebhookNotificationKind.Test)]
    [InlineData("message_added", WebhookNotificationKind.Other)]
    [InlineData("authorization_revoked", WebhookNotificationKind.Other)]
    public void Other_actions_are_acknowledged_without_a_reservation(string action, WebhookNotificationKind kind)
    {
        var notification = Adapter.ParseWebhook(Signed(Encoding.UTF8.GetBytes($$"""{"action":"{{action}}","listing_id":987}""")));

        Assert.Equal(kind, notification.Kind);
        Assert.Null(notification.Reservation);
        Assert.Equal("987", notification.ListingId);
        Assert.Equal(action, notification.PlatformEventName);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"reservation":{}}""")]
    [InlineData("""{"action":"reservation_acceptance_confirmation"}""")]
    [InlineData("""{"action":"reservation_acceptance_confirmation","reservation":{"confirmation_code":"HM1","listing_id":1,"start_date":"2030-07-01","nights":0}}""")]
    [InlineData("""{"action":"reservation_acceptance_confirmation","reservation":{"confirmation_code":"HM1","listing_id":1,"start_date":"01/07/2030","nights":2}}""")]
    [InlineData("""{"action":"reservation_acceptance_confirmation","reservation":{"listing_id":1,"start_date":"2030-07-01","nights":2}}""")]
    [InlineData("""{"action":"reservation_acceptance_confirmation","reservation":{"confirmation_code":"HM1","listing_id":1,"start_date":"2030-07-01","nights":2,"expected_payout_amount_accurate":"lots"}}""")]
    public void A_malformed_body_is_a_WebhookFormatException(string body)
    {
        Assert.Throws<WebhookFormatException>(() => Adapter.ParseWebhook(Request(Encoding.UTF8.GetBytes(body), new Dictionary<string, string>())));
    }

    [Fact]
    public void Zero_nights_is_reported_as_a_check_out_not_after_check_in()
    {
        var body = """{"action":"reservation_alteration_confirmation","reservation":{"confirmation_code":"HM1","listing_id":1,"start_date":"2030-07-01","nights":0}}""";

        var ex = Assert.Throws<WebhookFormatException>(() => Adapter.ParseWebhook(Request(Encoding.UTF8.GetBytes(body), new Dictionary<string, string>())));

        Assert.Contains("check-out must be after the check-in", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhooks_sent_by_the_simulator_verify_and_parse_end_to_end()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        await using var simulator = await PlatformSimulator.StartAsync(
            new PlatformSimulatorOptions { Airbnb = { WebhookUrl = receiver.Url, WebhookSecret = TestData.WebhookSecret } },
            Ct);
        await using var scope = AdapterScope.Create(simulator.AirbnbBaseAddress); // real clock, as the simulator's
        var listing = TestData.NewListingId();

        var created = await simulator.CreateAirbnbReservationAsync(
            new AirbnbReservationRequest { ListingId = listing, StartDate = new DateOnly(2030, 12, 20), Nights = 5, ExpectedPayoutAmount = 777.70m, Currency = "EUR" },
            Ct);
        var createdHook = await receiver.NextAsync(Ct);
        var altered = await simulator.AlterAirbnbReservationAsync(created.Reservation.ConfirmationCode, new DateOnly(2030, 12, 21), 6, cancellationToken: Ct);
        var alteredHook = await receiver.NextAsync(Ct);
        receiver.StatusCode = 500;
        var cancelled = await simulator.CancelAirbnbReservationAsync(created.Reservation.ConfirmationCode, cancellationToken: Ct);
        var cancelledHook = await receiver.NextAsync(Ct);

        Assert.Equal(200, created.WebhookStatusCode);
        Assert.Equal(200, altered.WebhookStatusCode);
        Assert.Equal(500, cancelled.WebhookStatusCode);
        foreach (var hook in new[] { createdHook, alteredHook, cancelledHook })
        {
            Assert.True(scope.Adapter.VerifyWebhook(hook).IsAuthentic);
        }

        var c = scope.Adapter.ParseWebhook(createdHook);
        Assert.Equal(WebhookNotificationKind.ReservationCreated, c.Kind);
        Assert.Equal(created.Webhook!.DeliveryId, c.DeliveryId);
        Assert.Equal(listing, c.ListingId);
        Assert.Equal(new DateRange(new DateOnly(2030, 12, 20), new DateOnly(2030, 12, 25)), c.Reservation!.Stay);
        Assert.Equal(777.70m, c.Reservation.TotalAmount);
        Assert.Equal(created.Reservation.UpdatedAt, c.Reservation.UpdatedAt);

        var m = scope.Adapter.ParseWebhook(alteredHook);
        Assert.Equal(WebhookNotificationKind.ReservationModified, m.Kind);
        Assert.Equal(new DateRange(new DateOnly(2030, 12, 21), new DateOnly(2030, 12, 27)), m.Reservation!.Stay);
        Assert.True(m.Reservation.UpdatedAt > c.Reservation.UpdatedAt);

        var x = scope.Adapter.ParseWebhook(cancelledHook);
        Assert.Equal(WebhookNotificationKind.ReservationCancelled, x.Kind);
        Assert.Equal(BookingStatus.Cancelled, x.Reservation!.Status);
        Assert.NotEqual(c.DeliveryId, x.DeliveryId);
    }

    [Fact]
    public async Task An_unsigned_simulator_webhook_is_rejected()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        await using var simulator = await PlatformSimulator.StartAsync(new PlatformSimulatorOptions { Airbnb = { WebhookUrl = receiver.Url } }, Ct);
        await using var scope = AdapterScope.Create(simulator.AirbnbBaseAddress);

        var delivery = await simulator.Airbnb.SendWebhookAsync(AirbnbWebhookActions.Test, cancellationToken: Ct);
        var hook = await receiver.NextAsync(Ct);

        Assert.Equal(200, delivery!.StatusCode);
        Assert.False(scope.Adapter.VerifyWebhook(hook).IsAuthentic);
        Assert.Equal(WebhookNotificationKind.Test, scope.Adapter.ParseWebhook(hook).Kind);
    }

    private static byte[] ReservationBody(string action) => Encoding.UTF8.GetBytes($$$"""
        {"action":"{{{action}}}","reservation":{"confirmation_code":"HMABCD1234","listing_id":12345678,"start_date":"2030-07-01","nights":3,
        "number_of_guests":2,"status_type":"accepted","guest_first_name":"Ada","guest_last_name":"Lovelace",
        "guest_email":"ada@guest.airbnb.example","guest_phone_numbers":["+44 20 7946 0000"],
        "expected_payout_amount_accurate":"321.45","listing_base_price_accurate":"350.00","currency":"gbp",
        "updated_at":"2030-06-01T11:59:30.123Z","thread_id":42}}
        """);

    private static WebhookRequest Signed(byte[] body, string secret = TestData.WebhookSecret, DateTimeOffset? timestamp = null, string? deliveryId = null) =>
        Request(body, AirbnbWebhookSigner.CreateHeaders(secret, (timestamp ?? Now).ToUnixTimeSeconds(), body, deliveryId));

    private static WebhookRequest Request(byte[] body, IReadOnlyDictionary<string, string> headers) => new()
    {
        Headers = headers,
        Body = body,
        ContentType = "application/json",
        ReceivedAt = Now,
    };
}
