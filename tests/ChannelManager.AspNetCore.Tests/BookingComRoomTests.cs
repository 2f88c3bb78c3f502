using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChannelManager.Adapters.BookingCom;
using ChannelManager.Connections;
using ChannelManager.Engine.Bookings;
using ChannelManager.Simulator.BookingCom;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// Two room types of one Booking.com hotel, connected to two PMS properties (listing <c>{hotel}:{room}</c>), each
/// property also on Airbnb: a Booking.com reservation lands on its own room's property, whichever room's connection
/// pulled the hotel's shared queue, and a multi-room reservation books every room's property.
/// </summary>
public sealed class BookingComRoomTests(BookingComRoomsApp app) : IClassFixture<BookingComRoomsApp>
{
    private const string RoomA = "101";
    private const string RoomB = "102";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Rooms(string Hotel, Guid PropertyA, Guid PropertyB, Guid BookingA, Guid BookingB, string AirbnbA, string AirbnbB);

    private async Task<Rooms> TwoRoomsAsync()
    {
        var hotel = Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var (propertyA, propertyB) = (Guid.NewGuid(), Guid.NewGuid());
        var (airbnbA, airbnbB) = ("BR" + Random.Shared.NextInt64(10_000_000, 99_999_999), "BR" + Random.Shared.NextInt64(10_000_000, 99_999_999));
        var bookingA = await app.CreateAsync(propertyA, "booking_com", $"{hotel}:{RoomA}");
        var bookingB = await app.CreateAsync(propertyB, "booking_com", $"{hotel}:{RoomB}");
        await app.CreateAsync(propertyA, "airbnb", airbnbA);
        await app.CreateAsync(propertyB, "airbnb", airbnbB);
        return new Rooms(hotel, propertyA, propertyB, bookingA, bookingB, airbnbA, airbnbB);
    }

    private bool Closed(Platform platform, string listing, DateOnly night) => app.Simulator.State.GetDay(platform, listing, night) is { IsAvailable: false } or { AvailableCount: 0 };

    [Fact]
    public async Task A_booking_on_room_A_pulled_through_room_B_connection_closes_only_A_property_nights_elsewhere()
    {
        var r = await TwoRoomsAsync();
        var arrival = Today.AddDays(30);
        var reservation = app.Simulator.State.BookingCom.Create(new BookingComReservationRequest { HotelId = r.Hotel, RoomId = RoomA, Arrival = arrival, Departure = arrival.AddDays(3) });

        // Room B's connection pulls the hotel's queue: the reservation is room A's and must land there.
        var sync = await app.Client.PostAsJsonAsync($"channel-connections/{r.BookingB}/sync", new { sync_type = "bookings" }, Ct);
        Assert.True(sync.IsSuccessStatusCode, await sync.Content.ReadAsStringAsync(Ct));

        var sink = app.Get<InMemoryPmsBookingSink>();
        await Eventually.TrueAsync(() => sink.Received.Any(b => b.Reservation.ConfirmationCode == reservation.ReservationId), "the PMS received the booking");
        var imported = sink.Received.Single(b => b.Reservation.ConfirmationCode == reservation.ReservationId);
        Assert.Equal((r.PropertyA, r.BookingA), (imported.PropertyId, imported.ConnectionId));
        Assert.Equal($"{r.Hotel}:{RoomA}", imported.Reservation.ListingId);

        await Eventually.TrueAsync(() => Closed(Platform.Airbnb, r.AirbnbA, arrival.AddDays(1)), "room A's property closed its nights on Airbnb");
        await Eventually.TrueAsync(() => !app.Simulator.State.BookingCom.GetReservation(reservation.ReservationId)!.PendingNew, "the reservation was acknowledged once stored");
        Assert.False(Closed(Platform.Airbnb, r.AirbnbB, arrival.AddDays(1)), "room B's property is untouched");
        Assert.False(Closed(Platform.BookingCom, BookingComState.ListingKey(r.Hotel, RoomB), arrival.AddDays(1)), "room B stays bookable on Booking.com");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_multi_room_reservation_announced_for_the_hotel_books_both_rooms_properties(bool namesTheReservation)
    {
        var r = await TwoRoomsAsync();
        var arrival = Today.AddDays(45);
        var reservation = app.Simulator.State.BookingCom.Create(new BookingComReservationRequest
        {
            HotelId = r.Hotel, RoomId = RoomA, AdditionalRoomIds = [RoomB], Arrival = arrival, Departure = arrival.AddDays(2), TotalAmount = 400m,
        });

        // The notification names the hotel only (and maybe the reservation): it reaches one of the hotel's room
        // connections, which pulls the queue (or fetches the named reservation, all its parts).
        var reservationField = namesTheReservation ? $",\"reservation_id\":\"{reservation.ReservationId}\"" : string.Empty;
        using var notification = new HttpRequestMessage(HttpMethod.Post, "webhooks/booking-com")
        {
            Content = new StringContent(
                $$$"""{"metadata":{"uuid":"{{{Guid.NewGuid()}}}","type":"reservation_created","payloadVersion":"1.0"},"payload":{"hotel_id":"{{{r.Hotel}}}"{{{reservationField}}}}}""",
                Encoding.UTF8,
                "application/json"),
        };
        notification.Headers.Authorization = new("Bearer", BookingComNotificationTokens.Issue(BookingComRoomsApp.SigningKey, "booking-cns", DateTimeOffset.UtcNow, TimeSpan.FromHours(1)));
        var answer = await app.Client.SendAsync(notification, Ct);
        Assert.True(answer.IsSuccessStatusCode, $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(Ct)}");

        var sink = app.Get<InMemoryPmsBookingSink>();
        string PartOf(string room) => $"{reservation.ReservationId}-{room}";
        await Eventually.TrueAsync(() => sink.Received.Count(b => b.Reservation.ConfirmationCode.StartsWith(reservation.ReservationId, StringComparison.Ordinal)) == 2, "both rooms' parts reached the PMS");
        var partA = sink.Received.Single(b => b.Reservation.ConfirmationCode == PartOf(RoomA));
        var partB = sink.Received.Single(b => b.Reservation.ConfirmationCode == PartOf(RoomB));
        Assert.Equal((r.PropertyA, r.BookingA), (partA.PropertyId, partA.ConnectionId));
        Assert.Equal((r.PropertyB, r.BookingB), (partB.PropertyId, partB.ConnectionId));
        Assert.Equal(400m, partA.Reservation.TotalAmount + partB.Reservation.TotalAmount);

        await Eventually.TrueAsync(() => Closed(Platform.Airbnb, r.AirbnbA, arrival) && Closed(Platform.Airbnb, r.AirbnbB, arrival), "both properties closed the nights on Airbnb");
        await Eventually.TrueAsync(() => app.Simulator.State.BookingCom.GetReservation(reservation.ReservationId) is { PendingNew: false, Acknowledgements: 1 }, "acknowledged once, when both parts were stored");
    }

    [Fact]
    public async Task A_reservation_of_an_unconnected_room_is_not_imported_and_stays_in_the_queue()
    {
        var r = await TwoRoomsAsync();
        var arrival = Today.AddDays(50);
        var unmapped = app.Simulator.State.BookingCom.Create(new BookingComReservationRequest { HotelId = r.Hotel, RoomId = "103", Arrival = arrival, Departure = arrival.AddDays(1) });

        var sync = await app.Client.PostAsJsonAsync($"channel-connections/{r.BookingA}/sync", new { sync_type = "bookings" }, Ct);
        Assert.True(sync.IsSuccessStatusCode);

        JsonElement? pull = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var logs = JsonDocument.Parse(await app.Client.GetStringAsync($"channel-connections/{r.BookingA}/sync-logs", Ct)).RootElement.GetProperty("items");
                pull = logs.EnumerateArray().Where(e => e.GetProperty("operation").GetString() == "reservation_pull").Select(e => (JsonElement?)e.Clone()).FirstOrDefault();
                return pull is not null;
            },
            "the pull was logged");
        Assert.Contains($"{unmapped.ReservationId} for {r.Hotel}:103", pull!.Value.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal("succeeded", pull.Value.GetProperty("outcome").GetString());
        Assert.DoesNotContain(app.Get<InMemoryPmsBookingSink>().Received, b => b.Reservation.ConfirmationCode == unmapped.ReservationId);
        Assert.True(app.Simulator.State.BookingCom.GetReservation(unmapped.ReservationId)!.PendingNew, "left in Booking.com's queue until room 103 is connected");

        // Once the room is connected, the next pull imports it under that room's connection.
        var propertyC = Guid.NewGuid();
        var roomC = await app.CreateAsync(propertyC, "booking_com", $"{r.Hotel}:103");
        await app.Client.PostAsJsonAsync($"channel-connections/{r.BookingA}/sync", new { sync_type = "bookings" }, Ct);
        await Eventually.TrueAsync(() => app.Get<InMemoryPmsBookingSink>().Received.Any(b => b.Reservation.ConfirmationCode == unmapped.ReservationId && b.ConnectionId == roomC), "imported under room 103's connection");
    }

    [Fact]
    public async Task A_room_can_be_connected_once_and_only_as_hotel_colon_room()
    {
        var r = await TwoRoomsAsync();

        var again = await app.TryCreateAsync(Guid.NewGuid(), "booking_com", $"{r.Hotel}:{RoomA}");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);

        var hotelOnly = await app.TryCreateAsync(Guid.NewGuid(), "booking_com", r.Hotel, new Dictionary<string, string> { ["room_id"] = RoomA });
        Assert.Equal(HttpStatusCode.BadRequest, hotelOnly.Status);
        Assert.Contains($"{r.Hotel}:{RoomA}", hotelOnly.Body.GetProperty("errors").GetProperty("platform_listing_id")[0].GetString(), StringComparison.Ordinal);

        var leadingZero = await app.TryCreateAsync(Guid.NewGuid(), "booking_com", $"{r.Hotel}:0{RoomA}");
        Assert.Equal(HttpStatusCode.BadRequest, leadingZero.Status);
        Assert.True(leadingZero.Body.GetProperty("errors").TryGetProperty("platform_listing_id", out _));

        var otherRoomInMetadata = await app.TryCreateAsync(Guid.NewGuid(), "booking_com", $"{r.Hotel}:103", new Dictionary<string, string> { ["room_id"] = RoomA });
        Assert.Equal(HttpStatusCode.BadRequest, otherRoomInMetadata.Status);
        Assert.True(otherRoomInMetadata.Body.GetProperty("errors").TryGetProperty("platform_metadata.room_id", out _));

        // Updates: onto the other room is a conflict, into the hotel-only form a validation error; nothing changes.
        var moved = await app.Client.PutAsJsonAsync($"channel-connections/{r.BookingB}", new { platform_listing_id = $"{r.Hotel}:{RoomA}" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        var bad = await app.Client.PutAsJsonAsync($"channel-connections/{r.BookingB}", new { platform_listing_id = r.Hotel }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var current = JsonDocument.Parse(await app.Client.GetStringAsync($"channel-connections/{r.BookingB}", Ct)).RootElement;
        Assert.Equal($"{r.Hotel}:{RoomB}", current.GetProperty("platform_listing_id").GetString());
    }
}
