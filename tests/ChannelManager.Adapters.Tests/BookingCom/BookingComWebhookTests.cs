using System.Text;
using ChannelManager.Adapters.BookingCom;
using ChannelManager.Connections;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.Tests.BookingCom;

public sealed class BookingComWebhookTests(BookingComFixture fixture) : IClassFixture<BookingComFixture>
{
    private const string Body = """{"metadata":{"uuid":"5b0f8c2e-1111-4a4a-9c9c-0123456789ab","type":"RESERVATION_NEW","payloadVersion":"1.0"},"payload":{"hotel_id":1234567,"reservation_id":"4000000001"}}""";

    private static WebhookRequest Request(string? authorization, string body = Body) => new()
    {
        Headers = authorization is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Authorization"] = authorization },
        Body = Encoding.UTF8.GetBytes(body),
        ContentType = "application/json",
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public void A_JWT_from_the_partner_token_endpoint_is_authentic()
    {
        var jwt = BookingComNotificationTokens.Issue(BookingComTestData.SigningKey, "booking-cns", DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        Assert.True(fixture.Adapter.VerifyWebhook(Request("Bearer " + jwt)).IsAuthentic);
    }

    [Fact]
    public void Forged_expired_missing_or_other_scheme_credentials_are_rejected()
    {
        var forged = BookingComNotificationTokens.Issue("another-key-0123456789abcdef0123456789", "x", DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        var expired = BookingComNotificationTokens.Issue(BookingComTestData.SigningKey, "x", DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromHours(1));
        Assert.Contains("signature", fixture.Adapter.VerifyWebhook(Request("Bearer " + forged)).FailureReason, StringComparison.Ordinal);
        Assert.Contains("expired", fixture.Adapter.VerifyWebhook(Request("Bearer " + expired)).FailureReason, StringComparison.Ordinal);
        Assert.False(fixture.Adapter.VerifyWebhook(Request(null)).IsAuthentic);
        Assert.False(fixture.Adapter.VerifyWebhook(Request("Bearer not-a-jwt")).IsAuthentic);
        Assert.False(fixture.Adapter.VerifyWebhook(Request("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("u:p")))).IsAuthentic);
    }

    [Fact]
    public async Task Basic_credentials_work_when_configured()
    {
        await using var scope = BookingComScope.Create(fixture.Simulator.BookingComBaseAddress, o =>
        {
            o.NotificationSigningKey = null;
            o.NotificationBasicUsername = "cns-user";
            o.NotificationBasicPassword = "cns-pass-123";
        });
        Assert.True(scope.Adapter.VerifyWebhook(Request("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("cns-user:cns-pass-123")))).IsAuthentic);
        Assert.False(scope.Adapter.VerifyWebhook(Request("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("cns-user:wrong")))).IsAuthentic);
    }

    [Fact]
    public void A_notification_is_an_alert_to_pull_the_hotel_queue()
    {
        var n = fixture.Adapter.ParseWebhook(Request(null));
        Assert.Equal(Platform.BookingCom, n.Platform);
        Assert.Equal(WebhookNotificationKind.ReservationCreated, n.Kind);
        Assert.Equal("5b0f8c2e-1111-4a4a-9c9c-0123456789ab", n.DeliveryId);
        Assert.Equal("1234567", n.ListingId);
        Assert.Equal("4000000001", n.ConfirmationCode);
        Assert.Null(n.Reservation);
        Assert.Equal("RESERVATION_NEW", n.PlatformEventName);

        Assert.Equal(WebhookNotificationKind.Test, fixture.Adapter.ParseWebhook(Request(null, """{"metadata":{"uuid":"1","type":"TEST"},"payload":{}}""")).Kind);
        Assert.Equal(WebhookNotificationKind.ReservationModified, fixture.Adapter.ParseWebhook(Request(null, """{"metadata":{"uuid":"2","type":"SOMETHING_CHANGED"},"payload":{"property_id":"77"}}""")).Kind);
        Assert.Throws<WebhookFormatException>(() => fixture.Adapter.ParseWebhook(Request(null, "not json")));
        Assert.Throws<WebhookFormatException>(() => fixture.Adapter.ParseWebhook(Request(null, """{"payload":{}}""")));
    }
}
