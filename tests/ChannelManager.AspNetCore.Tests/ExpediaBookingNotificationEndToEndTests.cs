using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using ChannelManager.Bookings;
using ChannelManager.Common;
using ChannelManager.Inventory;
using ChannelManager.Simulator.Expedia;
using ChannelManager.Sync;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// Expedia Booking Notification end to end: the simulated Expedia pushes SOAP <c>OTA_HotelResNotifRQ</c> to a real
/// host's <c>/webhooks/expedia</c>; the booking is imported once and Expedia gets <c>OTA_HotelResNotifRS</c> Success;
/// the same request again is a duplicate that still gets Success; a booking pulled by Booking Retrieval and then
/// pushed is imported once.
/// </summary>
public sealed class ExpediaBookingNotificationEndToEndTests(ExpediaBookingNotificationApp app) : IClassFixture<ExpediaBookingNotificationApp>
{
    private const string Tenant = "default";
    private const string RoomType = "200154";
    private static readonly XNamespace Ota = "http://www.opentravel.org/OTA/2003/05";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_pushed_booking_is_imported_once_and_answered_with_success_also_when_sent_again()
    {
        var hotel = "88" + Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var connectionId = await CreateConnectionAsync(hotel);
        var id = hotel + "01";
        app.Simulator.State.Expedia.Create(new ExpediaReservationRequest { HotelId = hotel, RoomTypeId = RoomType, Arrival = Today.AddDays(30), Departure = Today.AddDays(33), GivenName = "Eve", Surname = "Push", BookingId = id });

        var delivery = await app.Simulator.ExpediaBookingNotifications.SendAsync(id, cancellationToken: Ct);

        Assert.True(delivery.Delivered, delivery.Attempts[^1].Problem + " " + delivery.Attempts[^1].ResponseBody);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal(200, attempt.StatusCode);
        var rs = XDocument.Parse(attempt.ResponseBody!).Descendants(Ota + "OTA_HotelResNotifRS").Single();
        Assert.NotNull(rs.Element(Ota + "Success"));
        Assert.Equal("CM-" + id, delivery.ConfirmNumber);
        Assert.Equal("confirmed", app.Simulator.State.Expedia.GetReservation(id)!.Status);

        var booking = await WaitForBookingAsync(id);
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(new DateRange(Today.AddDays(30), Today.AddDays(33)), booking.Stay);
        Assert.Equal(connectionId, booking.SourceConnectionId);

        // Expedia did not get our answer and sends the same request again: a duplicate, still a Success.
        var again = await app.Simulator.ExpediaBookingNotifications.SendAsync(id, requestId: delivery.RequestId, cancellationToken: Ct);
        Assert.True(again.Delivered);
        Assert.NotNull(XDocument.Parse(again.Attempts[^1].ResponseBody!).Descendants(Ota + "Success").SingleOrDefault());
        await WaitForInboxDrainedAsync();
        Assert.Equal(1, await ImportsAsync(connectionId));

        // The cancellation is pushed too, and imported.
        app.Simulator.State.Expedia.Cancel(id);
        Assert.True((await app.Simulator.ExpediaBookingNotifications.SendAsync(id, cancellationToken: Ct)).Delivered);
        await Eventually.TrueAsync(async () => (await app.Get<IInventoryLedger>().GetBookingAsync(Tenant, "expedia:" + id, Ct))?.Status == BookingStatus.Cancelled, "the cancellation was imported");
        Assert.Equal(2, await ImportsAsync(connectionId));
    }

    [Fact]
    public async Task A_booking_pulled_by_retrieval_and_then_pushed_is_imported_once()
    {
        var hotel = "89" + Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var connectionId = await CreateConnectionAsync(hotel);
        var id = hotel + "02";
        app.Simulator.State.Expedia.Create(new ExpediaReservationRequest { HotelId = hotel, RoomTypeId = RoomType, Arrival = Today.AddDays(40), Departure = Today.AddDays(42), BookingId = id });

        var sync = await app.Client.PostAsJsonAsync($"channel-connections/{connectionId}/sync", new { sync_type = "bookings" }, Ct);
        Assert.True(sync.IsSuccessStatusCode, await sync.Content.ReadAsStringAsync(Ct));
        await WaitForBookingAsync(id);
        await Eventually.TrueAsync(async () => await ImportsAsync(connectionId) == 1, "the pulled booking was imported");

        var delivery = await app.Simulator.ExpediaBookingNotifications.SendAsync(id, cancellationToken: Ct);
        Assert.True(delivery.Delivered, delivery.Attempts[^1].Problem);
        await WaitForInboxDrainedAsync();
        Assert.Equal(1, await ImportsAsync(connectionId));
    }

    [Fact]
    public async Task A_notification_with_wrong_credentials_is_refused_and_never_imported()
    {
        await using var impostor = await Simulator.PlatformSimulator.StartAsync(new Simulator.PlatformSimulatorOptions
        {
            Expedia = { NotificationUsername = ExpediaBookingNotificationApp.NotificationUsername, NotificationPassword = "guessed", BookingNotificationRetryDelay = TimeSpan.Zero, BookingNotificationAttempts = 1 },
        }, Ct);
        impostor.State.Expedia.Create(new ExpediaReservationRequest { HotelId = "4242", RoomTypeId = RoomType, Arrival = Today.AddDays(5), Departure = Today.AddDays(6), BookingId = "424201" });

        var delivery = await impostor.ExpediaBookingNotifications.SendAsync("424201", new Uri(app.Client.BaseAddress!, "webhooks/expedia"), cancellationToken: Ct);

        Assert.False(delivery.Delivered);
        Assert.Equal(401, delivery.Attempts[^1].StatusCode);
        Assert.DoesNotContain("guessed", delivery.Attempts[^1].ResponseBody, StringComparison.Ordinal);
        Assert.Null(await app.Get<IInventoryLedger>().GetBookingAsync(Tenant, "expedia:424201", Ct));
    }

    private async Task<Guid> CreateConnectionAsync(string hotel)
    {
        var response = await app.Client.PostAsJsonAsync("channel-connections", new
        {
            property_id = Guid.NewGuid(),
            platform_type = "expedia",
            platform_listing_id = hotel + ":" + RoomType,
            access_token = "unused-by-expedia",
            platform_metadata = new { rate_plan_id = RoomType + "A", currency = "EUR" },
        }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
        await Eventually.TrueAsync(
            async () => (await app.Get<ISyncLogStore>().ListAsync(Tenant, id, new PageRequest(), Ct)).Items.Any(e => e.Operation == SyncOperations.AriPush && e.Outcome == SyncOutcome.Succeeded),
            "the connection got its initial calendar");
        return id;
    }

    private async Task<Booking> WaitForBookingAsync(string id)
    {
        Booking? booking = null;
        await Eventually.TrueAsync(async () => (booking = await app.Get<IInventoryLedger>().GetBookingAsync(Tenant, "expedia:" + id, Ct)) is not null, $"booking {id} was imported");
        return booking!;
    }

    private async Task<int> ImportsAsync(Guid connectionId) =>
        (await app.Get<ISyncLogStore>().ListAsync(Tenant, connectionId, new PageRequest(), Ct)).Items.Count(e => e.Operation == SyncOperations.BookingImport);

    private Task WaitForInboxDrainedAsync() =>
        Eventually.TrueAsync(
            async () => JsonDocument.Parse(await app.Client.GetStringAsync("webhooks/health", Ct)).RootElement.GetProperty("platforms").EnumerateArray()
                .Single(p => p.GetProperty("platform").GetString() == "expedia").GetProperty("backlog").GetInt32() == 0,
            "the Expedia inbox was processed");
}
