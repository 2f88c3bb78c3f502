using System.Xml.Linq;
using ChannelManager.Adapters.Expedia;
using ChannelManager.Adapters.Expedia.Notifications;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Tests.Expedia;

/// <summary>Booking Notification (SOAP <c>OTA_HotelResNotifRQ</c>): verification, parsing, the synchronous answer, settings.</summary>
public sealed class ExpediaBookingNotificationTests
{
    private static readonly Uri Unused = new("http://eqc.invalid/");

    [Fact]
    public async Task The_configured_credentials_are_accepted()
    {
        await using var scope = Scope();
        var result = scope.Adapter.VerifyWebhook(BookingNotificationSamples.Request(BookingNotificationSamples.Envelope()));
        Assert.True(result.IsAuthentic, result.FailureReason);
        Assert.True(scope.Adapter.VerifyWebhook(BookingNotificationSamples.Request(BookingNotificationSamples.Envelope(), "application/soap+xml")).IsAuthentic);
    }

    [Theory]
    [InlineData("expedia-bn-user", "wrong-password")]
    [InlineData("someone-else", BookingNotificationSamples.NotificationPassword)]
    [InlineData("expedia-bn-user", "")]
    [InlineData("", "")]
    [InlineData("EXPEDIA-BN-USER", BookingNotificationSamples.NotificationPassword)]
    [InlineData("expedia-bn-user", BookingNotificationSamples.NotificationPassword + " ")]
    public async Task Wrong_credentials_are_refused_without_naming_a_secret(string username, string password)
    {
        await using var scope = Scope();
        var result = scope.Adapter.VerifyWebhook(BookingNotificationSamples.Request(BookingNotificationSamples.Envelope(username: username, password: password)));
        Assert.False(result.IsAuthentic);
        Assert.Contains("does not match", result.FailureReason, StringComparison.Ordinal);
        AssertNoSecret(result.FailureReason);
    }

    [Fact]
    public async Task A_notification_without_authentication_is_refused()
    {
        await using var scope = Scope();
        var result = scope.Adapter.VerifyWebhook(BookingNotificationSamples.Request(BookingNotificationSamples.Envelope(username: null, password: null)));
        Assert.False(result.IsAuthentic);
        Assert.Contains("no Authentication", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_notification_credentials_configured_every_notification_is_refused_with_the_reason()
    {
        await using var scope = ExpediaScope.Create(Unused);
        var result = scope.Adapter.VerifyWebhook(BookingNotificationSamples.Request(BookingNotificationSamples.Envelope()));
        Assert.False(result.IsAuthentic);
        Assert.Equal(BookingNotificationVerifier.NotConfiguredReason, result.FailureReason);
        Assert.Contains(ExpediaConfigurationKeys.NotificationUsername, result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("Booking Retrieval", result.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task A_body_that_is_not_soap_xml_by_content_type_is_refused(string? contentType)
    {
        await using var scope = Scope();
        var result = scope.Adapter.VerifyWebhook(BookingNotificationSamples.Request(BookingNotificationSamples.Envelope(), contentType));
        Assert.False(result.IsAuthentic);
        Assert.Contains("Content-Type", result.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<soap-env:Envelope xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap-env:Body>")]
    [InlineData("{\"not\":\"xml\"}")]
    [InlineData("")]
    public async Task Malformed_xml_is_refused_and_cannot_be_parsed(string body)
    {
        await using var scope = Scope();
        var request = BookingNotificationSamples.Request(body);
        var result = scope.Adapter.VerifyWebhook(request);
        Assert.False(result.IsAuthentic);
        Assert.Contains("not well-formed XML", result.FailureReason, StringComparison.Ordinal);
        Assert.Throws<WebhookFormatException>(() => scope.Adapter.ParseWebhook(request));
    }

    [Fact]
    public async Task A_soap_message_without_the_expedia_header_is_refused()
    {
        await using var scope = Scope();
        var body = BookingNotificationSamples.Envelope().Replace("http://www.newtrade.com/expedia/R14/header", "urn:other", StringComparison.Ordinal);
        var result = scope.Adapter.VerifyWebhook(BookingNotificationSamples.Request(body));
        Assert.False(result.IsAuthentic);
        Assert.Contains("Interface/PayloadInfo", result.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<!DOCTYPE Envelope [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>")]
    [InlineData("<!DOCTYPE Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")]
    [InlineData("<!DOCTYPE Envelope SYSTEM \"http://127.0.0.1:1/evil.dtd\">")]
    public async Task Doctypes_and_entities_are_refused(string doctype)
    {
        await using var scope = Scope();
        var body = BookingNotificationSamples.Envelope(username: "&xxe;").Replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + doctype, StringComparison.Ordinal);
        var request = BookingNotificationSamples.Request(body);
        Assert.False(scope.Adapter.VerifyWebhook(request).IsAuthentic);
        var ex = Assert.Throws<WebhookFormatException>(() => scope.Adapter.ParseWebhook(request));
        Assert.Contains("DTD", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused()
    {
        await using var scope = Scope();
        var body = BookingNotificationSamples.Envelope().Replace("<Email>", "<Email>" + new string('x', BookingNotificationXml.MaxBodyBytes), StringComparison.Ordinal);
        var result = scope.Adapter.VerifyWebhook(BookingNotificationSamples.Request(body));
        Assert.False(result.IsAuthentic);
        Assert.Contains("larger than", result.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Commit", WebhookNotificationKind.ReservationCreated, BookingStatus.Confirmed)]
    [InlineData("Book", WebhookNotificationKind.ReservationCreated, BookingStatus.Confirmed)]
    [InlineData("Modify", WebhookNotificationKind.ReservationModified, BookingStatus.Confirmed)]
    [InlineData("Cancel", WebhookNotificationKind.ReservationCancelled, BookingStatus.Cancelled)]
    public async Task A_notification_maps_to_the_whole_reservation(string resStatus, WebhookNotificationKind kind, BookingStatus status)
    {
        await using var scope = Scope();
        var time = resStatus == "Commit" ? "CreateDateTime=\"2030-01-15T08:29:00Z\"" : "CreateDateTime=\"2030-01-10T10:00:00Z\" LastModifyDateTime=\"2030-01-15T08:29:00Z\"";
        var notification = scope.Adapter.ParseWebhook(BookingNotificationSamples.Request(BookingNotificationSamples.Envelope(resStatus: resStatus, timeAttribute: time)));

        Assert.Equal(Platform.Expedia, notification.Platform);
        Assert.Equal("7f8a9b0c-1111-2222-3333-444455556666", notification.DeliveryId);
        Assert.Equal(kind, notification.Kind);
        Assert.Equal("1234567:201357", notification.ListingId);
        Assert.Equal("987654321", notification.ConfirmationCode);
        Assert.Equal("OTA_HotelResNotifRQ:" + resStatus, notification.PlatformEventName);
        Assert.Equal(
            new PlatformReservation
            {
                Platform = Platform.Expedia,
                ConfirmationCode = "987654321",
                ListingId = "1234567:201357",
                Stay = new DateRange(new DateOnly(2030, 3, 1), new DateOnly(2030, 3, 4)),
                Status = status,
                NumberOfGuests = 3,
                Guest = new GuestDetails("Ana", "Müller-Łódź", "ana@guest.expedia.com", "+49 30 1234567"),
                TotalAmount = 456.78m,
                Currency = "CHF",
                UpdatedAt = new DateTimeOffset(2030, 1, 15, 8, 29, 0, TimeSpan.Zero),
            },
            notification.Reservation);
    }

    [Fact]
    public async Task The_booking_id_falls_back_to_the_expedia_reservation_id_and_the_property_to_the_header()
    {
        await using var scope = Scope();
        var body = BookingNotificationSamples.Envelope()
            .Replace("<UniqueID Type=\"14\" ID=\"987654321\"/>", string.Empty, StringComparison.Ordinal)
            .Replace("<BasicPropertyInfo HotelCode=\"1234567\"/>", string.Empty, StringComparison.Ordinal)
            .Replace("CreateDateTime=\"2030-01-15T08:29:00Z\"", string.Empty, StringComparison.Ordinal);
        var notification = scope.Adapter.ParseWebhook(BookingNotificationSamples.Request(body));
        Assert.Equal("987654321", notification.ConfirmationCode);
        Assert.Equal("1234567:201357", notification.ListingId);
        Assert.Equal(new DateTimeOffset(2030, 1, 15, 8, 29, 30, TimeSpan.Zero), notification.Reservation!.UpdatedAt);
    }

    [Theory]
    [InlineData("ResStatus=\"Commit\"", "ResStatus=\"Quote\"", "unknown ResStatus")]
    [InlineData("ResStatus=\"Commit\"", "", "no ResStatus")]
    [InlineData("End=\"2030-03-04\"", "End=\"2030-03-01\"", "check-out")]
    [InlineData("Start=\"2030-03-01\"", "Start=\"01.03.2030\"", "TimeSpan@Start")]
    [InlineData("AmountAfterTax=\"456.78\"", "AmountAfterTax=\"lots\"", "AmountAfterTax")]
    [InlineData("<UniqueID Type=\"14\" ID=\"987654321\"/>", "", "")]
    public async Task An_invalid_reservation_is_a_format_error(string find, string replace, string message)
    {
        await using var scope = Scope();
        var body = BookingNotificationSamples.Envelope().Replace(find, replace, StringComparison.Ordinal);
        if (find.StartsWith("<UniqueID", StringComparison.Ordinal))
        {
            body = body.Replace("ResID_Type=\"8\"", "ResID_Type=\"10\"", StringComparison.Ordinal);
        }

        Assert.True(scope.Adapter.VerifyWebhook(BookingNotificationSamples.Request(body)).IsAuthentic);
        var ex = Assert.Throws<WebhookFormatException>(() => scope.Adapter.ParseWebhook(BookingNotificationSamples.Request(body)));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reply_echoes_the_header_and_both_ids_and_matches_the_golden_file()
    {
        await using var scope = Scope();
        var request = BookingNotificationSamples.Request(BookingNotificationSamples.Envelope());
        var reply = ((IWebhookReplyWriter)scope.Adapter).CreateReply(request, duplicate: false);

        Assert.NotNull(reply);
        Assert.Equal("text/xml; charset=utf-8", reply.ContentType);
        Assert.DoesNotContain(BookingNotificationSamples.NotificationPassword, reply.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("Authentication", reply.Content, StringComparison.Ordinal);
        XNamespace h = BookingNotificationXml.HeaderNamespace;
        XNamespace o = BookingNotificationXml.OtaNamespace;
        var document = XDocument.Parse(reply.Content);
        var info = document.Descendants(h + "PayloadInfo").Single();
        Assert.Equal("7f8a9b0c-1111-2222-3333-444455556666", (string?)info.Attribute("RequestId"));
        Assert.Equal("OTA_HotelResNotifRS", (string?)info.Element(h + "PayloadDescriptor")!.Attribute("Name"));
        Assert.NotNull(document.Descendants(o + "Success").SingleOrDefault());
        Assert.Equal(
            [("8", "987654321"), ("10", "CM-987654321")],
            document.Descendants(o + "HotelReservationID").Select(e => ((string)e.Attribute("ResID_Type")!, (string)e.Attribute("ResID_Value")!)));

        // A duplicate (a resend of a stored notification) gets the same Success.
        Assert.Equal(reply, ((IWebhookReplyWriter)scope.Adapter).CreateReply(request, duplicate: true));
        Golden.Compare("booking_notification_reply.xml", reply.Content);
    }

    [Fact]
    public async Task A_soap_12_notification_is_answered_in_soap_12()
    {
        await using var scope = Scope();
        var body = BookingNotificationSamples.Envelope().Replace("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope", StringComparison.Ordinal);
        var request = BookingNotificationSamples.Request(body, "application/soap+xml; charset=utf-8");
        Assert.True(scope.Adapter.VerifyWebhook(request).IsAuthentic);
        var reply = ((IWebhookReplyWriter)scope.Adapter).CreateReply(request, duplicate: false)!;
        Assert.Equal("application/soap+xml; charset=utf-8", reply.ContentType);
        Assert.Equal(XName.Get("Envelope", "http://www.w3.org/2003/05/soap-envelope"), XDocument.Parse(reply.Content).Root!.Name);
    }

    [Fact]
    public async Task Notification_credentials_come_both_or_neither_and_messages_name_settings_not_values()
    {
        var onlyUser = Assert.Throws<OptionsValidationException>(() => ExpediaScope.Create(Unused, o => o.NotificationUsername = "user-value-123"));
        Assert.Contains(onlyUser.Failures, f => f.Contains(ExpediaConfigurationKeys.NotificationPassword, StringComparison.Ordinal));
        Assert.DoesNotContain(onlyUser.Failures, f => f.Contains("user-value-123", StringComparison.Ordinal));

        var onlyPassword = Assert.Throws<OptionsValidationException>(() => ExpediaScope.Create(Unused, o => o.NotificationPassword = "secret-value-456"));
        Assert.Contains(onlyPassword.Failures, f => f.Contains(ExpediaConfigurationKeys.NotificationUsername, StringComparison.Ordinal));
        Assert.DoesNotContain(onlyPassword.Failures, f => f.Contains("secret-value-456", StringComparison.Ordinal));

        await using var both = ExpediaScope.Create(Unused, o => (o.NotificationUsername, o.NotificationPassword) = ("u", "p"));
        var options = both.Provider.GetRequiredService<IOptions<ExpediaOptions>>().Value;
        Assert.True(options.AcceptsBookingNotifications);
        Assert.DoesNotContain("=\"p\"", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("NotificationPassword = ***", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Notification_credentials_are_read_from_configuration()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ExpediaConfigurationKeys.Username] = "eqc",
            [ExpediaConfigurationKeys.Password] = "eqc-password",
            [ExpediaConfigurationKeys.NotificationUsername] = BookingNotificationSamples.NotificationUsername,
            [ExpediaConfigurationKeys.NotificationPassword] = BookingNotificationSamples.NotificationPassword,
        }).Build());
        new Infrastructure.TestChannelManagerBuilder(services).AddExpedia();
        using var provider = services.BuildServiceProvider();
        var adapter = provider.GetServices<IChannelAdapter>().Single();
        Assert.True(adapter.VerifyWebhook(BookingNotificationSamples.Request(BookingNotificationSamples.Envelope())).IsAuthentic);
    }

    internal static ExpediaScope Scope() => ExpediaScope.Create(Unused, o =>
    {
        o.NotificationUsername = BookingNotificationSamples.NotificationUsername;
        o.NotificationPassword = BookingNotificationSamples.NotificationPassword;
    });

    private static void AssertNoSecret(string? text)
    {
        Assert.DoesNotContain(BookingNotificationSamples.NotificationPassword, text ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", text ?? string.Empty, StringComparison.Ordinal);
    }
}
