using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Engine.Bookings;
using ChannelManager.Simulator.Expedia;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// Two room types of one Expedia property, connected to two PMS properties (listing <c>{property}:{room type}</c>),
/// each property also on Airbnb: an Expedia booking lands on its own room type's property, whichever room type's
/// connection retrieved the property's bookings (Booking Retrieval) or whether Expedia pushed it (Booking
/// Notification); a cancellation, which names no room type, reaches the connection holding the booking.
/// </summary>
public sealed class ExpediaRoomTests(ExpediaRoomsApp app) : IClassFixture<ExpediaRoomsApp>
{
    private const string RoomA = "200101";
    private const string RoomB = "200102";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Rooms(string Hotel, Guid PropertyA, Guid PropertyB, Guid ExpediaA, Guid ExpediaB, string AirbnbA, string AirbnbB);

    private async Task<Rooms> TwoRoomTypesAsync()
    {
        var hotel = Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var (propertyA, propertyB) = (Guid.NewGuid(), Guid.NewGuid());
        var (airbnbA, airbnbB) = ("EX" + Random.Shared.NextInt64(10_000_000, 99_999_999), "EX" + Random.Shared.NextInt64(10_000_000, 99_999_999));
        var expediaA = await app.CreateAsync(propertyA, "expedia", $"{hotel}:{RoomA}");
        var expediaB = await app.CreateAsync(propertyB, "expedia", $"{hotel}:{RoomB}");
        await app.CreateAsync(propertyA, "airbnb", airbnbA);
        await app.CreateAsync(propertyB, "airbnb", airbnbB);
        return new Rooms(hotel, propertyA, propertyB, expediaA, expediaB, airbnbA, airbnbB);
    }

    private bool Closed(Platform platform, string listing, DateOnly night) => app.Simulator.State.GetDay(platform, listing, night) is { IsAvailable: false } or { AvailableCount: 0 };

    private InMemoryPmsBookingSink Sink => app.Get<InMemoryPmsBookingSink>();

    private ExpediaReservation Book(string hotel, string room, DateOnly arrival, int nights = 3) =>
        app.Simulator.State.Expedia.Create(new ExpediaReservationRequest { HotelId = hotel, RoomTypeId = room, Arrival = arrival, Departure = arrival.AddDays(nights) });

    private async Task PullAsync(Guid connection)
    {
        var sync = await app.Client.PostAsJsonAsync($"channel-connections/{connection}/sync", new { sync_type = "bookings" }, Ct);
        Assert.True(sync.IsSuccessStatusCode, await sync.Content.ReadAsStringAsync(Ct));
    }

    private async Task<ImportedBooking> ReceivedAsync(string bookingId, BookingStatus status)
    {
        await Eventually.TrueAsync(() => Sink.Received.Any(b => b.Reservation.ConfirmationCode == bookingId && b.Reservation.Status == status), $"the PMS received {bookingId} ({status})");
        return Sink.Received.Last(b => b.Reservation.ConfirmationCode == bookingId && b.Reservation.Status == status);
    }

    [Fact]
    public async Task A_booking_on_room_type_A_retrieved_through_room_type_B_connection_closes_only_A_property_nights_elsewhere()
    {
        var r = await TwoRoomTypesAsync();
        var arrival = Today.AddDays(30);
        var booking = Book(r.Hotel, RoomA, arrival);

        // Room type B's connection retrieves the property's bookings: this one is room type A's and must land there.
        await PullAsync(r.ExpediaB);

        var imported = await ReceivedAsync(booking.BookingId, BookingStatus.Confirmed);
        Assert.Equal((r.PropertyA, r.ExpediaA), (imported.PropertyId, imported.ConnectionId));
        Assert.Equal($"{r.Hotel}:{RoomA}", imported.Reservation.ListingId);

        await Eventually.TrueAsync(() => Closed(Platform.Airbnb, r.AirbnbA, arrival.AddDays(1)), "room type A's property closed its nights on Airbnb");
        await Eventually.TrueAsync(() => app.Simulator.State.Expedia.GetReservation(booking.BookingId)!.Status == "confirmed", "the booking was confirmed once stored");
        Assert.False(Closed(Platform.Airbnb, r.AirbnbB, arrival.AddDays(1)), "room type B's property is untouched");
        Assert.False(Closed(Platform.Expedia, ExpediaState.ListingKey(r.Hotel, RoomB), arrival.AddDays(1)), "room type B stays bookable on Expedia");

        // Cancelled: Expedia's message names no room type (roomTypeID="0"); it reaches room type A's connection, which
        // holds the booking, through room type B's retrieval again, and the nights open again.
        app.Simulator.State.Expedia.Cancel(booking.BookingId);
        await PullAsync(r.ExpediaB);
        var cancelled = await ReceivedAsync(booking.BookingId, BookingStatus.Cancelled);
        Assert.Equal((r.PropertyA, r.ExpediaA), (cancelled.PropertyId, cancelled.ConnectionId));
        Assert.Equal(r.Hotel, cancelled.Reservation.ListingId);
        await Eventually.TrueAsync(() => !Closed(Platform.Airbnb, r.AirbnbA, arrival.AddDays(1)), "room type A's property reopened its nights on Airbnb");
        await Eventually.TrueAsync(() => app.Simulator.State.Expedia.GetReservation(booking.BookingId) is { Status: "confirmed", Confirmations: 2 }, "the cancellation was confirmed once stored");
    }

    [Fact]
    public async Task A_booking_notification_for_room_type_A_closes_only_A_property_nights_and_its_cancellation_reopens_them()
    {
        var r = await TwoRoomTypesAsync();
        var arrival = Today.AddDays(40);
        var booking = Book(r.Hotel, RoomA, arrival, nights: 2);

        var delivery = await app.Simulator.ExpediaBookingNotifications.SendAsync(booking.BookingId, cancellationToken: Ct);
        Assert.True(delivery.Delivered, delivery.Attempts[^1].Problem + " " + delivery.Attempts[^1].ResponseBody);

        var imported = await ReceivedAsync(booking.BookingId, BookingStatus.Confirmed);
        Assert.Equal((r.PropertyA, r.ExpediaA), (imported.PropertyId, imported.ConnectionId));
        await Eventually.TrueAsync(() => Closed(Platform.Airbnb, r.AirbnbA, arrival), "room type A's property closed its nights on Airbnb");
        Assert.False(Closed(Platform.Airbnb, r.AirbnbB, arrival), "room type B's property is untouched");
        Assert.False(Closed(Platform.Expedia, ExpediaState.ListingKey(r.Hotel, RoomB), arrival), "room type B stays bookable on Expedia");

        // The pushed cancellation names no room type (RoomTypeCode="0"): it reaches the connection holding the booking.
        app.Simulator.State.Expedia.Cancel(booking.BookingId);
        Assert.True((await app.Simulator.ExpediaBookingNotifications.SendAsync(booking.BookingId, cancellationToken: Ct)).Delivered);
        var cancelled = await ReceivedAsync(booking.BookingId, BookingStatus.Cancelled);
        Assert.Equal((r.PropertyA, r.ExpediaA), (cancelled.PropertyId, cancelled.ConnectionId));
        await Eventually.TrueAsync(() => !Closed(Platform.Airbnb, r.AirbnbA, arrival), "room type A's property reopened its nights on Airbnb");
    }

    [Fact]
    public async Task A_booking_of_an_unconnected_room_type_is_not_imported_until_the_room_type_is_connected()
    {
        var r = await TwoRoomTypesAsync();
        var arrival = Today.AddDays(50);
        var retrieved = Book(r.Hotel, "200103", arrival, nights: 1);
        var pushed = Book(r.Hotel, "200103", arrival.AddDays(5), nights: 1);

        // Retrieval: named in the pulling connection's sync log, left unconfirmed (Expedia keeps serving it).
        await PullAsync(r.ExpediaA);
        JsonElement? pull = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var logs = JsonDocument.Parse(await app.Client.GetStringAsync($"channel-connections/{r.ExpediaA}/sync-logs", Ct)).RootElement.GetProperty("items");
                pull = logs.EnumerateArray().Where(e => e.GetProperty("operation").GetString() == "reservation_pull").Select(e => (JsonElement?)e.Clone()).FirstOrDefault();
                return pull is not null;
            },
            "the pull was logged");
        Assert.Contains($"{retrieved.BookingId} for {r.Hotel}:200103", pull!.Value.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal("succeeded", pull.Value.GetProperty("outcome").GetString());
        Assert.DoesNotContain(Sink.Received, b => b.Reservation.ConfirmationCode == retrieved.BookingId);
        Assert.Equal("retrieved", app.Simulator.State.Expedia.GetReservation(retrieved.BookingId)!.Status);

        // Notification: answered with Success once stored in the inbox, where it waits (retried) for the room type.
        var delivery = await app.Simulator.ExpediaBookingNotifications.SendAsync(pushed.BookingId, cancellationToken: Ct);
        Assert.True(delivery.Delivered);
        await Task.Delay(500, Ct);
        Assert.DoesNotContain(Sink.Received, b => b.Reservation.ConfirmationCode == pushed.BookingId);

        // Once the room type is connected, the next pull imports the retrieved one and the inbox the pushed one.
        var propertyC = Guid.NewGuid();
        var roomC = await app.CreateAsync(propertyC, "expedia", $"{r.Hotel}:200103");
        await PullAsync(r.ExpediaA);
        Assert.Equal(roomC, (await ReceivedAsync(retrieved.BookingId, BookingStatus.Confirmed)).ConnectionId);
        await Eventually.TrueAsync(() => app.Simulator.State.Expedia.GetReservation(retrieved.BookingId)!.Status == "confirmed", "confirmed once stored");
        Assert.Equal(roomC, (await ReceivedAsync(pushed.BookingId, BookingStatus.Confirmed)).ConnectionId);
    }

    [Fact]
    public async Task A_room_type_can_be_connected_once_and_only_as_property_colon_room_type()
    {
        var r = await TwoRoomTypesAsync();

        var again = await app.TryCreateAsync(Guid.NewGuid(), "expedia", $"{r.Hotel}:{RoomA}");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);

        var propertyOnly = await app.TryCreateAsync(Guid.NewGuid(), "expedia", r.Hotel, new Dictionary<string, string> { ["room_type_id"] = RoomA });
        Assert.Equal(HttpStatusCode.BadRequest, propertyOnly.Status);
        Assert.Contains($"{r.Hotel}:{RoomA}", propertyOnly.Body.GetProperty("errors").GetProperty("platform_listing_id")[0].GetString(), StringComparison.Ordinal);

        var leadingZero = await app.TryCreateAsync(Guid.NewGuid(), "expedia", $"{r.Hotel}:0{RoomA}");
        Assert.Equal(HttpStatusCode.BadRequest, leadingZero.Status);
        Assert.True(leadingZero.Body.GetProperty("errors").TryGetProperty("platform_listing_id", out _));

        var otherRoomTypeInMetadata = await app.TryCreateAsync(Guid.NewGuid(), "expedia", $"{r.Hotel}:200103", new Dictionary<string, string> { ["room_type_id"] = RoomA });
        Assert.Equal(HttpStatusCode.BadRequest, otherRoomTypeInMetadata.Status);
        Assert.True(otherRoomTypeInMetadata.Body.GetProperty("errors").TryGetProperty("platform_metadata.room_type_id", out _));

        // Updates: onto the other room type is a conflict, into the property-only form a validation error; nothing changes.
        var moved = await app.Client.PutAsJsonAsync($"channel-connections/{r.ExpediaB}", new { platform_listing_id = $"{r.Hotel}:{RoomA}" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        var bad = await app.Client.PutAsJsonAsync($"channel-connections/{r.ExpediaB}", new { platform_listing_id = r.Hotel }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var current = JsonDocument.Parse(await app.Client.GetStringAsync($"channel-connections/{r.ExpediaB}", Ct)).RootElement;
        Assert.Equal($"{r.Hotel}:{RoomB}", current.GetProperty("platform_listing_id").GetString());
    }
}
