using System.Net.Http.Json;
using System.Xml.Linq;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.BookingCom;

namespace ChannelManager.Adapters.Tests.BookingCom;

public sealed class BookingComReservationTests(BookingComFixture fixture) : IClassFixture<BookingComFixture>
{
    private static readonly XNamespace Ota = "http://www.opentravel.org/OTA/2003/05";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reservation_round_trips_with_every_field_and_is_served_until_acknowledged()
    {
        var hotel = BookingComTestData.NewHotelId();
        var connection = BookingComTestData.Connection(hotel);
        using var http = new HttpClient { BaseAddress = fixture.Simulator.BaseAddress };
        var created = await http.PostAsJsonAsync(
            "_sim/booking-com/reservations",
            new
            {
                hotel_id = hotel,
                room_id = BookingComTestData.RoomId,
                rate_plan_id = BookingComTestData.RatePlanId,
                arrival = "2030-08-10",
                departure = "2030-08-14",
                number_of_guests = 3,
                guest_first_name = "Ana",
                guest_last_name = "Müller-Łódź",
                guest_email = "ana@guest.booking.com",
                guest_phone = "+49 30 1234567",
                total_amount = 456.78m,
                currency = "CHF",
                reservation_id = hotel + "01",
            },
            Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);

        // Another room's reservation in the same hotel: the hotel's queue is shared, so it comes back too, for its own
        // room's listing (the engine imports it under that room's connection).
        fixture.Simulator.State.BookingCom.Create(new BookingComReservationRequest { HotelId = hotel, RoomId = "999", Arrival = new DateOnly(2030, 8, 1), Departure = new DateOnly(2030, 8, 2), ReservationId = hotel + "02" });

        var first = await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct);
        Assert.Equal(2, first.Count);
        var reservation = Assert.Single(first, r => r.ListingId == connection.PlatformListingId);
        var otherRoom = Assert.Single(first, r => r.ListingId == hotel + ":999");
        Assert.Equal(hotel + "02", otherRoom.ConfirmationCode);
        Assert.Equal(Platform.BookingCom, reservation.Platform);
        Assert.Equal(hotel + "01", reservation.ConfirmationCode);
        Assert.Equal(hotel + ":" + BookingComTestData.RoomId, reservation.ListingId);
        Assert.Equal(new DateRange(new DateOnly(2030, 8, 10), new DateOnly(2030, 8, 14)), reservation.Stay);
        Assert.Equal(BookingStatus.Confirmed, reservation.Status);
        Assert.Equal(3, reservation.NumberOfGuests);
        Assert.Equal(new GuestDetails("Ana", "Müller-Łódź", "ana@guest.booking.com", "+49 30 1234567"), reservation.Guest);
        Assert.Equal(456.78m, reservation.TotalAmount);
        Assert.Equal("CHF", reservation.Currency);
        var stored = fixture.Simulator.State.BookingCom.GetReservation(hotel + "01")!;
        Assert.Equal(stored.LastModifiedAt, reservation.UpdatedAt);

        // Not acknowledged: served again.
        Assert.Equal(2, (await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct)).Count);

        Assert.Equal(1, await fixture.Scope.Acknowledger.AcknowledgeReservationsAsync(connection, [reservation], Ct));
        var ack = fixture.CallsFor(hotel).Last(c => c.Method == "POST");
        Assert.Equal("/booking-com/hotels/ota/OTA_HotelResNotif", ack.Path);
        Assert.Equal(200, ack.StatusCode);
        var ackBody = XDocument.Parse(ack.RequestBody);
        Assert.Equal(Ota + "OTA_HotelResNotifRS", ackBody.Root!.Name);
        Assert.NotNull(ackBody.Root.Element(Ota + "Success"));
        Assert.Equal([hotel + "01"], ackBody.Descendants(Ota + "HotelReservationID").Select(e => (string)e.Attribute("ResID_Value")!));
        Assert.Equal(hotel + "02", Assert.Single(await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct)).ConfirmationCode);
        Assert.True(fixture.Simulator.State.BookingCom.GetReservation(hotel + "02")!.PendingNew);

        // The other room's reservation is acknowledged once stored (through any room's connection: the queue is the hotel's).
        Assert.Equal(1, await fixture.Scope.Acknowledger.AcknowledgeReservationsAsync(BookingComTestData.Connection(hotel, "999"), [otherRoom], Ct));
        Assert.Empty(await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct));

        // A modification comes from the modify queue and is acknowledged there.
        fixture.Simulator.State.BookingCom.Modify(hotel + "01", new DateOnly(2030, 8, 11), new DateOnly(2030, 8, 16));
        var modified = Assert.Single(await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct));
        Assert.Equal(new DateRange(new DateOnly(2030, 8, 11), new DateOnly(2030, 8, 16)), modified.Stay);
        Assert.Equal(BookingStatus.Confirmed, modified.Status);
        Assert.True(modified.UpdatedAt > reservation.UpdatedAt);
        Assert.Equal(1, await fixture.Scope.Acknowledger.AcknowledgeReservationsAsync(connection, [modified], Ct));
        Assert.Equal("/booking-com/hotels/ota/OTA_HotelResModifyNotif", fixture.CallsFor(hotel).Last(c => c.Method == "POST").Path);

        // A cancellation too.
        fixture.Simulator.State.BookingCom.Cancel(hotel + "01");
        var cancelled = Assert.Single(await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct));
        Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
        Assert.Equal(1, await fixture.Scope.Acknowledger.AcknowledgeReservationsAsync(connection, [cancelled], Ct));
        Assert.Empty(await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct));
        Assert.Equal(3, fixture.Simulator.State.BookingCom.GetReservation(hotel + "01")!.Acknowledgements);
    }

    [Fact]
    public async Task A_change_before_the_first_acknowledgement_stays_a_new_reservation_and_one_code_can_be_fetched()
    {
        var hotel = BookingComTestData.NewHotelId();
        var connection = BookingComTestData.Connection(hotel);
        var a = fixture.Simulator.State.BookingCom.Create(new BookingComReservationRequest { HotelId = hotel, RoomId = BookingComTestData.RoomId, Arrival = new DateOnly(2030, 9, 1), Departure = new DateOnly(2030, 9, 3) });
        var b = fixture.Simulator.State.BookingCom.Create(new BookingComReservationRequest { HotelId = hotel, RoomId = BookingComTestData.RoomId, Arrival = new DateOnly(2030, 9, 5), Departure = new DateOnly(2030, 9, 6) });
        fixture.Simulator.State.BookingCom.Cancel(a.ReservationId);

        var all = await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct);
        Assert.Equal(2, all.Count);
        Assert.Equal(BookingStatus.Cancelled, all.Single(r => r.ConfirmationCode == a.ReservationId).Status);
        Assert.DoesNotContain(fixture.CallsFor(hotel), c => c.StatusCode != 200);

        var one = await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(b.ReservationId), Ct);
        Assert.Equal(b.ReservationId, Assert.Single(one).ConfirmationCode);

        // Only what was stored is acknowledged; the other stays queued.
        await fixture.Scope.Acknowledger.AcknowledgeReservationsAsync(connection, one, Ct);
        Assert.Equal(a.ReservationId, Assert.Single(await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct)).ConfirmationCode);
    }

    [Fact]
    public async Task Acknowledging_on_the_wrong_queue_is_a_final_error()
    {
        var hotel = BookingComTestData.NewHotelId();
        var r = fixture.Simulator.State.BookingCom.Create(new BookingComReservationRequest { HotelId = hotel, RoomId = BookingComTestData.RoomId, Arrival = new DateOnly(2030, 9, 1), Departure = new DateOnly(2030, 9, 3) });
        var body = Adapters.BookingCom.Reservations.OtaAcknowledgementWriter.Write(Adapters.BookingCom.Reservations.ReservationQueue.Modify, hotel, [r.ReservationId], DateTimeOffset.UtcNow, "Production");
        var client = fixture.Scope.Provider.GetService(typeof(Adapters.BookingCom.Api.BookingComApiClient)) as Adapters.BookingCom.Api.BookingComApiClient;

        var ex = await Assert.ThrowsAsync<PlatformCallException>(() => client!.SendAsync("ack", HttpMethod.Post, new Uri(fixture.Simulator.BookingComBaseAddress, "hotels/ota/OTA_HotelResModifyNotif"), body, Ct));

        Assert.False(ex.IsTransient);
        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("wrong type", ex.Message, StringComparison.Ordinal);
        Assert.True(fixture.Simulator.State.BookingCom.GetReservation(r.ReservationId)!.PendingNew);
    }
}
