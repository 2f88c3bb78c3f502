using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.Tests.FewoDirekt;

/// <summary>Vrbo's <c>bookingRequest</c> posted to <c>/webhooks/fewo-direkt</c>: verification, parsing, the reply.</summary>
public sealed class FewoDirektBookingTests
{
    private const string BookingRequest = """
        <?xml version="1.0" encoding="utf-8"?>
        <bookingRequest>
          <documentVersion>1.3</documentVersion>
          <advertiserAssignedId>adv-77</advertiserAssignedId>
          <listingExternalId>listing-77</listingExternalId>
          <unitExternalId>unit-77</unitExternalId>
          <reservationId>HA-12345678</reservationId>
          <inquirer>
            <firstName>Erika</firstName>
            <lastName>Mustermann</lastName>
            <emailAddress>erika@example.com</emailAddress>
            <phoneNumber>+49 30 1234567</phoneNumber>
          </inquirer>
          <reservation>
            <numberOfAdults>2</numberOfAdults>
            <numberOfChildren>1</numberOfChildren>
            <numberOfPets>1</numberOfPets>
            <reservationDates>
              <beginDate>2030-03-10</beginDate>
              <endDate>2030-03-14</endDate>
            </reservationDates>
            <reservationOriginationDate>2030-02-25T08:00:00Z</reservationOriginationDate>
          </reservation>
          <orderItemList>
            <orderItem>
              <feeType>RENTAL</feeType>
              <preTaxAmount currency="EUR">400.00</preTaxAmount>
              <totalAmount currency="EUR">428.00</totalAmount>
              <status>ACCEPTED</status>
            </orderItem>
            <orderItem>
              <feeType>MISC</feeType>
              <preTaxAmount currency="EUR">50.00</preTaxAmount>
              <totalAmount currency="EUR">53.50</totalAmount>
              <status>ACCEPTED</status>
            </orderItem>
          </orderItemList>
          <commission><amount currency="EUR">20.00</amount></commission>
          <olbMeta><serviceFee currency="EUR">32.00</serviceFee></olbMeta>
        </bookingRequest>
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string RightCredentials => FewoDirektTestData.Basic().ToString();

    [Fact]
    public async Task A_booking_request_needs_the_partner_issued_basic_credentials()
    {
        await using var host = await FewoFeedHost.StartAsync();
        Assert.False(host.Adapter.VerifyWebhook(FewoDirektTestData.Webhook(BookingRequest)).IsAuthentic);
        var wrong = host.Adapter.VerifyWebhook(FewoDirektTestData.Webhook(BookingRequest, FewoDirektTestData.Basic(password: "not-the-password-at-all").ToString()));
        Assert.False(wrong.IsAuthentic);
        Assert.DoesNotContain(FewoDirektTestData.FeedPassword, wrong.FailureReason, StringComparison.Ordinal);
        Assert.False(host.Adapter.VerifyWebhook(FewoDirektTestData.Webhook(BookingRequest, "Basic not-base64!")).IsAuthentic);
        Assert.True(host.Adapter.VerifyWebhook(FewoDirektTestData.Webhook(BookingRequest, RightCredentials)).IsAuthentic);
    }

    [Fact]
    public async Task A_booking_request_becomes_the_whole_reservation_and_is_answered_with_a_booking_response()
    {
        await using var host = await FewoFeedHost.StartAsync();
        var request = FewoDirektTestData.Webhook(BookingRequest, RightCredentials);
        var notification = host.Adapter.ParseWebhook(request);
        Assert.Equal(Platform.FewoDirekt, notification.Platform);
        Assert.Equal(WebhookNotificationKind.ReservationCreated, notification.Kind);
        Assert.Equal("listing-77", notification.ListingId);
        Assert.Equal("HA-12345678", notification.ConfirmationCode);
        Assert.Null(notification.DeliveryId);
        Assert.Equal("bookingRequest:BOOKED", notification.PlatformEventName);
        var r = notification.Reservation!;
        Assert.Equal("HA-12345678", r.ConfirmationCode);
        Assert.Equal("listing-77", r.ListingId);
        Assert.Equal(new DateOnly(2030, 3, 10), r.Stay.Start);
        Assert.Equal(new DateOnly(2030, 3, 14), r.Stay.End);
        Assert.Equal(BookingStatus.Confirmed, r.Status);
        Assert.Equal(3, r.NumberOfGuests);
        Assert.Equal(new GuestDetails("Erika", "Mustermann", "erika@example.com", "+49 30 1234567"), r.Guest);
        Assert.Equal(481.50m, r.TotalAmount);
        Assert.Equal("EUR", r.Currency);
        Assert.Equal(new DateTimeOffset(2030, 2, 25, 8, 0, 0, TimeSpan.Zero), r.UpdatedAt);

        var booking = ChannelManager.Adapters.FewoDirekt.Webhooks.FewoDirektWebhookParser.ParseBooking(request);
        Assert.Equal("adv-77", booking.AdvertiserId);
        Assert.Equal("unit-77", booking.UnitId);
        Assert.Equal(1, booking.Pets);
        Assert.Equal(20.00m, booking.Commission);
        Assert.Equal(32.00m, booking.ServiceFee);
        Assert.Equal(
            [new("RENTAL", 400.00m, 428.00m, "EUR", "ACCEPTED"), new("MISC", 50.00m, 53.50m, "EUR", "ACCEPTED")],
            booking.OrderItems.ToArray<ChannelManager.Adapters.FewoDirekt.Reservations.FewoOrderItem>());

        var reply = ((IWebhookReplyWriter)host.Adapter).CreateReply(request, duplicate: false)!;
        Assert.Equal("application/xml; charset=utf-8", reply.ContentType);
        FewoGolden.Compare("bookingResponse.xml", System.Text.Encoding.UTF8.GetBytes(reply.Content));
        Assert.Equal(reply, ((IWebhookReplyWriter)host.Adapter).CreateReply(request, duplicate: true));
    }

    [Fact]
    public async Task A_cancellation_update_maps_to_cancelled_with_the_same_confirmation_code()
    {
        await using var host = await FewoFeedHost.StartAsync();
        var body = BookingRequest.Replace("<bookingRequest>", "<bookingUpdate>", StringComparison.Ordinal).Replace("</bookingRequest>", "</bookingUpdate>", StringComparison.Ordinal)
            .Replace("<reservationId>HA-12345678</reservationId>", "<reservationId>HA-12345678</reservationId><reservationStatus>CANCELLED</reservationStatus><lastUpdatedDate>2030-02-26T09:00:00Z</lastUpdatedDate>", StringComparison.Ordinal);
        var request = FewoDirektTestData.Webhook(body, RightCredentials);
        var notification = host.Adapter.ParseWebhook(request);
        Assert.Equal(WebhookNotificationKind.ReservationCancelled, notification.Kind);
        Assert.Equal("HA-12345678", notification.ConfirmationCode);
        Assert.Equal(BookingStatus.Cancelled, notification.Reservation!.Status);
        Assert.Equal(new DateTimeOffset(2030, 2, 26, 9, 0, 0, TimeSpan.Zero), notification.Reservation.UpdatedAt);
        Assert.Contains("<bookingStatus>CANCELLED</bookingStatus>", ((IWebhookReplyWriter)host.Adapter).CreateReply(request, false)!.Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE bookingRequest [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><bookingRequest><reservationId>&x;</reservationId></bookingRequest>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><bookingRequest>&lol2;</bookingRequest>")]
    [InlineData("<bookingRequest><reservationId>1</reservationId>")]
    [InlineData("<ping/>")]
    [InlineData("<bookingRequest><reservationId>1</reservationId><listingExternalId>l</listingExternalId><reservation><reservationDates><beginDate>2030-03-10</beginDate><endDate>2030-03-10</endDate></reservationDates></reservation></bookingRequest>")]
    public async Task Hostile_or_malformed_documents_are_refused(string body)
    {
        await using var host = await FewoFeedHost.StartAsync();
        var request = FewoDirektTestData.Webhook(body, RightCredentials);
        Assert.Throws<WebhookFormatException>(() => host.Adapter.ParseWebhook(request));
        Assert.Null(((IWebhookReplyWriter)host.Adapter).CreateReply(request, duplicate: false));
    }
}
