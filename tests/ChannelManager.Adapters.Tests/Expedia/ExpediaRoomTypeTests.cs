using ChannelManager.Adapters.Expedia;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.Expedia;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.Tests.Expedia;

/// <summary>
/// An Expedia connection is one room type of a property (listing <c>{property}:{room type}</c>): pushes target the
/// connection's room type, a retrieval through any room type's connection returns every room type's bookings under its
/// own listing, a cancellation (<c>roomTypeID="0"</c>) names the property alone, and the listing id has one spelling.
/// </summary>
public sealed class ExpediaRoomTypeTests(ExpediaFixture fixture) : IClassFixture<ExpediaFixture>
{
    private const string RoomA = "201357";
    private const string RoomB = "201358";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private IChannelConnectionValidator Validator => (IChannelConnectionValidator)fixture.Adapter;

    [Fact]
    public async Task Each_room_type_connection_pushes_its_own_room_type_of_the_shared_property()
    {
        var hotel = ExpediaTestData.NewHotelId();
        var night = Today.AddDays(15);
        await fixture.Adapter.PushAriAsync(new AriPushRequest(ExpediaTestData.Connection(hotel, RoomA), [new AriDay { Date = night, TotalUnits = 2, AvailableUnits = 2, Rate = 80m, Currency = "EUR" }]), Ct);
        await fixture.Adapter.PushAriAsync(new AriPushRequest(ExpediaTestData.Connection(hotel, RoomB), [new AriDay { Date = night, TotalUnits = 1, AvailableUnits = 0, Rate = 120m, Currency = "EUR" }]), Ct);

        Assert.Equal((true, (int?)2, (decimal?)80m), Night(hotel, RoomA, night));
        Assert.Equal((false, (int?)0, (decimal?)120m), Night(hotel, RoomB, night));
        Assert.All(fixture.CallsFor(hotel), c => Assert.Single(System.Xml.Linq.XDocument.Parse(c.RequestBody).Descendants().Where(e => e.Name.LocalName == "RoomType").Select(e => (string)e.Attribute("id")!).Distinct()));
    }

    [Fact]
    public async Task A_retrieval_through_one_room_type_returns_every_room_type_booking_under_its_own_listing_and_confirms_only_the_stored_ones()
    {
        var hotel = ExpediaTestData.NewHotelId();
        var viaB = ExpediaTestData.Connection(hotel, RoomB);
        var a = fixture.Simulator.State.Expedia.Create(new ExpediaReservationRequest { HotelId = hotel, RoomTypeId = RoomA, Arrival = Today.AddDays(20), Departure = Today.AddDays(22), BookingId = hotel + "21" });
        var b = fixture.Simulator.State.Expedia.Create(new ExpediaReservationRequest { HotelId = hotel, RoomTypeId = RoomB, Arrival = Today.AddDays(20), Departure = Today.AddDays(21), BookingId = hotel + "22" });
        var other = fixture.Simulator.State.Expedia.Create(new ExpediaReservationRequest { HotelId = ExpediaTestData.NewHotelId(), RoomTypeId = RoomA, Arrival = Today.AddDays(20), Departure = Today.AddDays(21) });

        var fetched = await fixture.Adapter.FetchReservationsAsync(viaB, new ReservationFetchRequest(), Ct);
        Assert.Equal(
            [(a.BookingId, $"{hotel}:{RoomA}"), (b.BookingId, $"{hotel}:{RoomB}")],
            fetched.Select(r => (r.ConfirmationCode, r.ListingId)).Order().ToArray());
        Assert.Equal("pending", fixture.Simulator.State.Expedia.GetReservation(other.BookingId)!.Status);

        // Only room type A's booking was stored (say B's room type failed): only it is confirmed, through B's connection.
        Assert.Equal(1, await fixture.Scope.Acknowledger.AcknowledgeReservationsAsync(viaB, fetched.Where(r => r.ConfirmationCode == a.BookingId).ToArray(), Ct));
        Assert.Equal("confirmed", fixture.Simulator.State.Expedia.GetReservation(a.BookingId)!.Status);
        Assert.Equal("retrieved", fixture.Simulator.State.Expedia.GetReservation(b.BookingId)!.Status);

        // A's cancellation carries roomTypeID="0": its listing is the property alone, and it is served through any room type.
        fixture.Simulator.State.Expedia.Cancel(a.BookingId);
        var cancel = (await fixture.Adapter.FetchReservationsAsync(ExpediaTestData.Connection(hotel, RoomA), new ReservationFetchRequest(), Ct)).Single(r => r.ConfirmationCode == a.BookingId);
        Assert.Equal((BookingStatus.Cancelled, hotel), (cancel.Status, cancel.ListingId));
        Assert.Equal(cancel, Assert.Single(await fixture.Adapter.FetchReservationsAsync(viaB, new ReservationFetchRequest(a.BookingId), Ct)));
        Assert.Equal(1, await fixture.Scope.Acknowledger.AcknowledgeReservationsAsync(viaB, [cancel], Ct));
        Assert.Equal("confirmed", fixture.Simulator.State.Expedia.GetReservation(a.BookingId)!.Status);
    }

    [Theory]
    [InlineData("3456789:201357", null, null)]
    [InlineData("3456789:201357", "201357", null)]
    [InlineData(" 3456789:201357 ", null, null)]
    [InlineData("3456789", "201357", "platform_listing_id")]
    [InlineData("3456789", null, "platform_listing_id")]
    [InlineData("3456789:0201357", null, "platform_listing_id")]
    [InlineData("03456789:201357", null, "platform_listing_id")]
    [InlineData("3456789:201357:1", null, "platform_listing_id")]
    [InlineData("3456789:", null, "platform_listing_id")]
    [InlineData("3456789:abc", null, "platform_listing_id")]
    [InlineData("3456789:201357", "201358", "platform_metadata.room_type_id")]
    public void The_listing_id_has_one_spelling_and_the_room_type_in_metadata_must_match(string listing, string? metadataRoomType, string? error)
    {
        var metadata = new Dictionary<string, string> { [ExpediaMetadataKeys.RatePlanId] = "201547528A" };
        if (metadataRoomType is not null)
        {
            metadata[ExpediaMetadataKeys.RoomTypeId] = metadataRoomType;
        }

        var errors = Validator.ValidateConnection(listing.Trim(), metadata);
        if (error is null)
        {
            Assert.False(errors.HasErrors, string.Join("; ", errors.ToDictionary().Select(kv => kv.Key + ": " + string.Join(" ", kv.Value))));
        }
        else
        {
            Assert.Equal([error], errors.ToDictionary().Keys);
        }
    }

    [Fact]
    public void A_property_alone_is_refused_with_the_listing_id_to_write_and_a_bad_rate_plan_is_named()
    {
        var errors = Validator.ValidateConnection("3456789", new Dictionary<string, string> { [ExpediaMetadataKeys.RoomTypeId] = RoomA, [ExpediaMetadataKeys.RatePlanId] = "bad-plan!" }).ToDictionary();
        Assert.Contains($"3456789:{RoomA}", errors["platform_listing_id"][0], StringComparison.Ordinal);
        Assert.True(errors.ContainsKey("platform_metadata." + ExpediaMetadataKeys.RatePlanId));
        Assert.Equal("3456789:201357", ExpediaListingIds.Of("3456789", RoomA));
        Assert.Throws<ArgumentException>(() => ExpediaListingIds.Of("3456789", "0"));
    }

    [Theory]
    [InlineData("201357", "1234567:201357")]
    [InlineData("0", "1234567")]
    public async Task A_booking_notification_names_property_and_room_type_or_the_property_alone(string roomTypeCode, string listing)
    {
        await using var scope = ExpediaBookingNotificationTests.Scope();
        var body = BookingNotificationSamples.Envelope().Replace("RoomTypeCode=\"201357\"", $"RoomTypeCode=\"{roomTypeCode}\"", StringComparison.Ordinal);
        var notification = scope.Adapter.ParseWebhook(BookingNotificationSamples.Request(body));
        Assert.Equal(listing, notification.ListingId);
        Assert.Equal(listing, notification.Reservation!.ListingId);

        // The answer's BasicPropertyInfo@HotelCode is the property, whatever the listing.
        var reply = ((IWebhookReplyWriter)scope.Adapter).CreateReply(BookingNotificationSamples.Request(body), duplicate: false);
        Assert.Contains("<BasicPropertyInfo HotelCode=\"1234567\"", reply!.Content, StringComparison.Ordinal);
    }

    private (bool Available, int? Count, decimal? Price) Night(string hotel, string room, DateOnly night) =>
        fixture.Simulator.State.GetDay(Platform.Expedia, ExpediaState.ListingKey(hotel, room), night) is { } d ? (d.IsAvailable, d.AvailableCount, d.DailyPrice) : default;
}
