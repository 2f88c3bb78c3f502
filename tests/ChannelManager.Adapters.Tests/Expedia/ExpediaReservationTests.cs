using System.Net.Http.Json;
using System.Xml.Linq;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.Expedia;

namespace ChannelManager.Adapters.Tests.Expedia;

public sealed class ExpediaReservationTests(ExpediaFixture fixture) : IClassFixture<ExpediaFixture>
{
    private static readonly XNamespace Bc = "http://www.expediaconnect.com/EQC/BC/2007/09";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_booking_round_trips_with_every_field_and_is_served_until_confirmed()
    {
        var hotel = ExpediaTestData.NewHotelId();
        var connection = ExpediaTestData.Connection(hotel);
        var id = hotel + "01";
        using var http = new HttpClient { BaseAddress = fixture.Simulator.BaseAddress };
        var created = await http.PostAsJsonAsync(
            "_sim/expedia/reservations",
            new
            {
                hotel_id = hotel,
                room_type_id = ExpediaTestData.RoomTypeId,
                rate_plan_id = ExpediaTestData.RatePlanId,
                arrival = "2027-08-10",
                departure = "2027-08-14",
                adults = 2,
                child_ages = new[] { 7 },
                given_name = "Ana",
                surname = "Müller-Łódź",
                email = "ana@guest.expedia.com",
                phone_country_code = "49",
                phone_area_code = "30",
                phone_number = "1234567",
                total_amount = 456.78m,
                taxes = 41.50m,
                currency = "CHF",
                source = "Hotels.com",
                special_request = "Late arrival",
                booking_id = id,
            },
            Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);

        // Another room type's booking of the same property comes too (the property's retrieval is shared), under its own listing.
        fixture.Simulator.State.Expedia.Create(new ExpediaReservationRequest { HotelId = hotel, RoomTypeId = "999", Arrival = new DateOnly(2027, 8, 1), Departure = new DateOnly(2027, 8, 2), BookingId = hotel + "02" });

        var both = await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct);
        Assert.Equal([(hotel + "01", hotel + ":201357"), (hotel + "02", hotel + ":999")], both.Select(r => (r.ConfirmationCode, r.ListingId)).Order());
        PlatformReservation[] first = [both.Single(r => r.ConfirmationCode == id)];
        var reservation = first[0];
        var stored = fixture.Simulator.State.Expedia.GetReservation(id)!;
        Assert.Equal(
            new PlatformReservation
            {
                Platform = Platform.Expedia,
                ConfirmationCode = id,
                ListingId = hotel + ":" + ExpediaTestData.RoomTypeId,
                Stay = new DateRange(new DateOnly(2027, 8, 10), new DateOnly(2027, 8, 14)),
                Status = BookingStatus.Confirmed,
                NumberOfGuests = 3,
                Guest = new GuestDetails("Ana", "Müller-Łódź", "ana@guest.expedia.com", "+49 30 1234567"),
                TotalAmount = 456.78m,
                Currency = "CHF",
                UpdatedAt = stored.CreatedAt,
            },
            reservation);
        Assert.Equal("retrieved", fixture.Simulator.State.Expedia.GetReservation(id)!.Status);

        // Retrieved but not confirmed: served again.
        Assert.Equal(2, (await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct)).Count);

        Assert.Equal(1, await fixture.Scope.Acknowledger.AcknowledgeReservationsAsync(connection, first, Ct));
        var confirm = fixture.CallsFor(hotel)[^1];
        Assert.Equal("/expedia/eqc/bc", confirm.Path);
        Assert.Equal(200, confirm.StatusCode);
        var number = Assert.Single(XDocument.Parse(confirm.RequestBody).Descendants(Bc + "BookingConfirmNumber"));
        Assert.Equal(id, (string)number.Attribute("bookingID")!);
        Assert.Equal("Book", (string)number.Attribute("bookingType")!);
        Assert.Equal("CM-" + id, (string)number.Attribute("confirmNumber")!);
        Assert.Equal("confirmed", fixture.Simulator.State.Expedia.GetReservation(id)!.Status);
        Assert.Equal("CM-" + id, fixture.Simulator.State.Expedia.GetReservation(id)!.ConfirmNumber);
        // Only what was passed (stored) is confirmed: the other room type's booking is served again.
        Assert.Equal(hotel + "02", Assert.Single(await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct)).ConfirmationCode);
        Assert.Equal("retrieved", fixture.Simulator.State.Expedia.GetReservation(hotel + "02")!.Status);

        // A modification is a new message, confirmed with its own type.
        fixture.Simulator.State.Expedia.Modify(id, new DateOnly(2027, 8, 11), new DateOnly(2027, 8, 16));
        var modified = (await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct)).Single(r => r.ConfirmationCode == id);
        Assert.Equal(new DateRange(new DateOnly(2027, 8, 11), new DateOnly(2027, 8, 16)), modified.Stay);
        Assert.Equal(BookingStatus.Confirmed, modified.Status);
        Assert.True(modified.UpdatedAt > reservation.UpdatedAt);
        Assert.Equal(1, await fixture.Scope.Acknowledger.AcknowledgeReservationsAsync(connection, [modified], Ct));
        Assert.Contains("bookingType=\"Modify\"", fixture.CallsFor(hotel)[^1].RequestBody, StringComparison.Ordinal);

        // A cancellation (roomTypeID="0") names the property alone: the engine routes it to the connection holding the booking.
        fixture.Simulator.State.Expedia.Cancel(id);
        var cancelled = (await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct)).Single(r => r.ConfirmationCode == id);
        Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
        Assert.Equal(hotel, cancelled.ListingId);
        Assert.Equal(1, await fixture.Scope.Acknowledger.AcknowledgeReservationsAsync(connection, [cancelled], Ct));
        Assert.Equal("confirmed", fixture.Simulator.State.Expedia.GetReservation(id)!.Status);
        Assert.Equal(3, fixture.Simulator.State.Expedia.GetReservation(id)!.Confirmations);

        // Nothing retrieved: nothing to confirm, no call.
        Assert.Equal(0, await fixture.Scope.Acknowledger.AcknowledgeReservationsAsync(connection, [cancelled], Ct));
    }

    [Fact]
    public async Task One_booking_is_fetched_by_id_and_filters_apply()
    {
        var hotel = ExpediaTestData.NewHotelId();
        var connection = ExpediaTestData.Connection(hotel);
        var a = fixture.Simulator.State.Expedia.Create(new ExpediaReservationRequest { HotelId = hotel, RoomTypeId = ExpediaTestData.RoomTypeId, Arrival = new DateOnly(2027, 9, 1), Departure = new DateOnly(2027, 9, 3), BookingId = hotel + "11" });
        fixture.Simulator.State.Expedia.Create(new ExpediaReservationRequest { HotelId = hotel, RoomTypeId = ExpediaTestData.RoomTypeId, Arrival = new DateOnly(2027, 9, 5), Departure = new DateOnly(2027, 9, 6), BookingId = hotel + "12" });

        var one = Assert.Single(await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(ConfirmationCode: a.BookingId), Ct));
        Assert.Equal(a.BookingId, one.ConfirmationCode);
        Assert.Equal(200m, one.TotalAmount);
        Assert.Single(await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(MaxResults: 1), Ct));
        Assert.Empty(await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(ChangedSince: DateTimeOffset.UtcNow.AddHours(1)), Ct));
        Assert.Equal(2, (await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct)).Count);
    }
}
