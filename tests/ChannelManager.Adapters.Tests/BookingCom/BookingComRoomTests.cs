using System.Xml.Linq;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.BookingCom;

namespace ChannelManager.Adapters.Tests.BookingCom;

/// <summary>Several room types of one hotel, each its own connection (listing <c>{hotel}:{room}</c>).</summary>
public sealed class BookingComRoomTests(BookingComFixture fixture) : IClassFixture<BookingComFixture>
{
    private const string RoomA = "100001";
    private const string RoomB = "100002";
    private static readonly XNamespace Ota = "http://www.opentravel.org/OTA/2003/05";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_multi_room_reservation_comes_as_one_part_per_room_and_is_acknowledged_once_every_part_is_stored()
    {
        var hotel = BookingComTestData.NewHotelId();
        var viaA = BookingComTestData.Connection(hotel, RoomA);
        var created = fixture.Simulator.State.BookingCom.Create(new BookingComReservationRequest
        {
            HotelId = hotel, RoomId = RoomA, AdditionalRoomIds = [RoomB], Arrival = new DateOnly(2030, 10, 1), Departure = new DateOnly(2030, 10, 4), TotalAmount = 300.01m,
        });
        Assert.False(fixture.Simulator.State.GetDay(Platform.BookingCom, BookingComTestData.Key(hotel, RoomB), new DateOnly(2030, 10, 2))!.AvailableCount > 0);

        var parts = await fixture.Adapter.FetchReservationsAsync(viaA, new ReservationFetchRequest(), Ct);

        Assert.Equal([$"{created.ReservationId}-{RoomA}", $"{created.ReservationId}-{RoomB}"], parts.Select(p => p.ConfirmationCode));
        Assert.Equal([$"{hotel}:{RoomA}", $"{hotel}:{RoomB}"], parts.Select(p => p.ListingId));
        Assert.All(parts, p => Assert.Equal(new DateRange(new DateOnly(2030, 10, 1), new DateOnly(2030, 10, 4)), p.Stay));
        Assert.Equal(300.01m, parts.Sum(p => p.TotalAmount));

        // One code of the reservation (its ResID or a part's) fetches all its parts.
        Assert.Equal(2, (await fixture.Adapter.FetchReservationsAsync(viaA, new ReservationFetchRequest(created.ReservationId), Ct)).Count);
        Assert.Equal(2, (await fixture.Adapter.FetchReservationsAsync(viaA, new ReservationFetchRequest($"{created.ReservationId}-{RoomB}"), Ct)).Count);

        // Room B's part not stored yet: acknowledging would take it out of the queue for good, so nothing is sent.
        Assert.Equal(0, await fixture.Scope.Acknowledger.AcknowledgeReservationsAsync(viaA, [parts[0]], Ct));
        Assert.True(fixture.Simulator.State.BookingCom.GetReservation(created.ReservationId)!.PendingNew);

        Assert.Equal(1, await fixture.Scope.Acknowledger.AcknowledgeReservationsAsync(viaA, parts, Ct));
        var ack = XDocument.Parse(fixture.CallsFor(hotel).Last(c => c.Method == "POST").RequestBody);
        Assert.Equal([created.ReservationId], ack.Descendants(Ota + "HotelReservationID").Select(e => (string)e.Attribute("ResID_Value")!));
        Assert.Empty(await fixture.Adapter.FetchReservationsAsync(BookingComTestData.Connection(hotel, RoomB), new ReservationFetchRequest(), Ct));

        // A cancellation cancels both parts.
        fixture.Simulator.State.BookingCom.Cancel(created.ReservationId);
        var cancelled = await fixture.Adapter.FetchReservationsAsync(BookingComTestData.Connection(hotel, RoomB), new ReservationFetchRequest(), Ct);
        Assert.Equal(2, cancelled.Count);
        Assert.All(cancelled, p => Assert.Equal(Bookings.BookingStatus.Cancelled, p.Status));
        Assert.True(fixture.Simulator.State.GetDay(Platform.BookingCom, BookingComTestData.Key(hotel, RoomB), new DateOnly(2030, 10, 2))!.AvailableCount > 0);
    }

    [Fact]
    public async Task A_room_connection_pushes_to_its_own_room_only()
    {
        var hotel = BookingComTestData.NewHotelId();
        var date = new DateOnly(2030, 11, 5);
        await fixture.Adapter.PushAriAsync(new AriPushRequest(BookingComTestData.Connection(hotel, RoomA), [new AriDay { Date = date, AvailableUnits = 1, Rate = 80m }]), Ct);
        await fixture.Adapter.PushAriAsync(new AriPushRequest(BookingComTestData.Connection(hotel, RoomB), [new AriDay { Date = date, AvailableUnits = 0, Rate = 95m }]), Ct);

        var a = fixture.Simulator.State.GetDay(Platform.BookingCom, BookingComTestData.Key(hotel, RoomA), date)!;
        var b = fixture.Simulator.State.GetDay(Platform.BookingCom, BookingComTestData.Key(hotel, RoomB), date)!;
        Assert.Equal((80m, 1), (a.DailyPrice, a.AvailableCount));
        Assert.Equal((95m, 0), (b.DailyPrice, b.AvailableCount));
        var bodies = fixture.CallsFor(hotel).Select(c => c.RequestBody).ToArray();
        Assert.Contains(bodies, body => body.Contains($"InvTypeCode=\"{RoomB}\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1234567:123456701", null, null)]
    [InlineData("1234567:123456701", "123456701", null)]
    [InlineData("1234567", "123456701", "platform_listing_id")]
    [InlineData("1234567:0123456701", null, "platform_listing_id")]
    [InlineData("1234567: 123456701", null, "platform_listing_id")]
    [InlineData("1234567:123456701:9", null, "platform_listing_id")]
    [InlineData("1234567:123456701", "42", "platform_metadata.room_id")]
    public void A_connection_has_one_spelling_hotel_colon_room(string listing, string? metadataRoom, string? errorField)
    {
        var metadata = metadataRoom is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["room_id"] = metadataRoom };

        var errors = ((IChannelConnectionValidator)fixture.Adapter).ValidateConnection(listing, metadata).ToDictionary();

        Assert.Equal(errorField is null ? [] : [errorField], errors.Keys);
    }
}
