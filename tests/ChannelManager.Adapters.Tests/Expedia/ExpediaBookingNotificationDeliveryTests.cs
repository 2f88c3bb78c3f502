using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Bookings;
using ChannelManager.Simulator;
using ChannelManager.Simulator.Expedia;
using ChannelManager.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace ChannelManager.Adapters.Tests.Expedia;

/// <summary>
/// The simulated Expedia pushes Booking Notifications over HTTP to a partner endpoint that uses the adapter, and checks
/// the synchronous answers: the pushed reservation equals the pulled one (so the importer deduplicates them), failures
/// are retried with the same request id, wrong credentials are never a Success.
/// </summary>
public sealed class ExpediaBookingNotificationDeliveryTests : IAsyncLifetime
{
    private PlatformSimulator _simulator = null!;
    private ExpediaScope _scope = null!;
    private BookingNotificationHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var options = new PlatformSimulatorOptions
        {
            Expedia =
            {
                Username = ExpediaTestData.Username,
                Password = ExpediaTestData.Password,
                NotificationUsername = BookingNotificationSamples.NotificationUsername,
                NotificationPassword = BookingNotificationSamples.NotificationPassword,
                BookingNotificationRetryDelay = TimeSpan.FromMilliseconds(10),
            },
        };
        _simulator = await PlatformSimulator.StartAsync(options, Ct);
        _scope = ExpediaScope.Create(_simulator.ExpediaBaseAddress, o =>
        {
            o.NotificationUsername = BookingNotificationSamples.NotificationUsername;
            o.NotificationPassword = BookingNotificationSamples.NotificationPassword;
        });
        _host = await BookingNotificationHost.StartAsync(_scope.Adapter, Ct);

        // The simulator reads its settings at every call: the callback is known only now.
        options.Expedia.BookingNotificationUrl = _host.Url;
    }

    public async ValueTask DisposeAsync()
    {
        await _simulator.DisposeAsync();
        await _host.DisposeAsync();
        await _scope.DisposeAsync();
    }

    [Fact]
    public async Task A_booking_its_modification_and_its_cancellation_are_pushed_and_equal_what_retrieval_returns()
    {
        var hotel = ExpediaTestData.NewHotelId();
        var connection = ExpediaTestData.Connection(hotel);
        var id = hotel + "01";
        using var http = new HttpClient { BaseAddress = _simulator.BaseAddress };
        var created = await http.PostAsJsonAsync(
            "_sim/expedia/reservations?notify=true",
            new
            {
                hotel_id = hotel,
                room_type_id = ExpediaTestData.RoomTypeId,
                rate_plan_id = ExpediaTestData.RatePlanId,
                arrival = "2027-08-10",
                departure = "2027-08-14",
                adults = 2,
                child_ages = new[] { 7, 3 },
                given_name = "Ana",
                surname = "Müller-Łódź",
                email = "ana@guest.expedia.com",
                phone_country_code = "49",
                phone_area_code = "30",
                phone_number = "1234567",
                total_amount = 456.78m,
                taxes = 41.50m,
                currency = "CHF",
                special_request = "Late arrival",
                booking_id = id,
            },
            Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var answer = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("notification");
        Assert.True(answer.GetProperty("delivered").GetBoolean(), answer.ToString());
        Assert.Equal("CM-" + id, answer.GetProperty("confirm_number").GetString());
        Assert.Equal("Commit", answer.GetProperty("res_status").GetString());

        // Expedia "got" the Success: the booking is confirmed with our number, as Booking Confirmation would do.
        var stored = _simulator.State.Expedia.GetReservation(id)!;
        Assert.Equal("confirmed", stored.Status);
        Assert.Equal("CM-" + id, stored.ConfirmNumber);

        var pushed = Assert.Single(_host.Accepted);
        Assert.Equal(WebhookNotificationKind.ReservationCreated, pushed.Kind);
        Assert.Equal(answer.GetProperty("request_id").GetString(), pushed.DeliveryId);
        var pulled = Assert.Single(await _scope.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(id), Ct));
        Assert.Equal(pulled, pushed.Reservation);
        Assert.Equal(4, pushed.Reservation!.NumberOfGuests);

        var modified = await http.PostAsJsonAsync($"_sim/expedia/reservations/{id}/modify?notify=true", new { arrival = "2027-08-11", departure = "2027-08-15" }, Ct);
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
        var modification = _host.Accepted[^1];
        Assert.Equal(WebhookNotificationKind.ReservationModified, modification.Kind);
        Assert.Equal(new Inventory.DateRange(new DateOnly(2027, 8, 11), new DateOnly(2027, 8, 15)), modification.Reservation!.Stay);
        Assert.Equal(Assert.Single(await _scope.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(id), Ct)), modification.Reservation);

        var cancelled = await http.PostAsync($"_sim/expedia/reservations/{id}/cancel?notify=true", null, Ct);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var cancellation = _host.Accepted[^1];
        Assert.Equal(WebhookNotificationKind.ReservationCancelled, cancellation.Kind);
        Assert.Equal(BookingStatus.Cancelled, cancellation.Reservation!.Status);
        Assert.Equal(Assert.Single(await _scope.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(id), Ct)), cancellation.Reservation);
        Assert.Equal(3, _host.Accepted.Count);
        Assert.All(_simulator.ExpediaBookingNotifications.Deliveries, d => Assert.True(d.Delivered));
    }

    [Fact]
    public async Task A_failed_answer_is_retried_with_the_same_request_id_and_a_resend_is_a_duplicate_with_the_same_success()
    {
        var id = Book();
        _host.FailNext(2);
        var delivery = await _simulator.ExpediaBookingNotifications.SendAsync(id, cancellationToken: Ct);

        Assert.True(delivery.Delivered);
        Assert.Equal([false, true, true], delivery.Attempts.Select(a => a.RetryIndicator));
        Assert.Equal([500, 500, 200], delivery.Attempts.Select(a => a.StatusCode));
        Assert.Single(_host.Accepted, n => n.ConfirmationCode == id);

        // Expedia sends the same request again (e.g. it lost our answer): a duplicate, still a Success.
        var again = await _simulator.ExpediaBookingNotifications.SendAsync(id, requestId: delivery.RequestId, cancellationToken: Ct);
        Assert.True(again.Delivered);
        Assert.Single(_host.Accepted, n => n.ConfirmationCode == id);
        Assert.Equal(1, _host.Duplicates);
        Assert.Equal(Rs(delivery.Attempts[^1].ResponseBody!), Rs(again.Attempts[^1].ResponseBody!));
    }

    [Fact]
    public async Task Wrong_credentials_are_never_a_success_and_every_attempt_is_made()
    {
        var id = Book();
        await using var wrong = await PlatformSimulator.StartAsync(
            new PlatformSimulatorOptions { Expedia = { NotificationUsername = "expedia-bn-user", NotificationPassword = "guessed", BookingNotificationRetryDelay = TimeSpan.Zero } },
            Ct);
        wrong.State.Expedia.Create(new ExpediaReservationRequest { HotelId = "42", RoomTypeId = "1", Arrival = new DateOnly(2027, 9, 1), Departure = new DateOnly(2027, 9, 2), BookingId = id });

        var delivery = await wrong.ExpediaBookingNotifications.SendAsync(id, _host.Url, cancellationToken: Ct);

        Assert.False(delivery.Delivered);
        Assert.Equal(3, delivery.Attempts.Count);
        Assert.All(delivery.Attempts, a => Assert.Equal(401, a.StatusCode));
        Assert.Contains("does not match", delivery.Attempts[0].ResponseBody, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Accepted, n => n.ConfirmationCode == id);
        Assert.Equal("pending", wrong.State.Expedia.GetReservation(id)!.Status);
    }

    [Fact]
    public async Task The_notify_control_endpoint_sends_to_a_given_url_and_lists_the_deliveries()
    {
        var id = Book();
        using var http = new HttpClient { BaseAddress = _simulator.BaseAddress };
        var sent = await http.PostAsJsonAsync($"_sim/expedia/reservations/{id}/notify", new { webhook_url = _host.Url, request_id = "req-" + id }, Ct);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var listed = JsonDocument.Parse(await http.GetStringAsync("_sim/expedia/notifications", Ct)).RootElement.GetProperty("notifications");
        var mine = listed.EnumerateArray().Single(n => n.GetProperty("request_id").GetString() == "req-" + id);
        Assert.True(mine.GetProperty("delivered").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("_sim/expedia/reservations/nope/notify", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Notifications_and_the_answer_match_the_golden_files()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 15, 8, 30, 0, TimeSpan.Zero));
        await using var simulator = await PlatformSimulator.StartAsync(
            new PlatformSimulatorOptions
            {
                TimeProvider = clock,
                Expedia = { NotificationUsername = BookingNotificationSamples.NotificationUsername, NotificationPassword = BookingNotificationSamples.NotificationPassword },
            },
            Ct);
        _host.FixedReceivedAt = clock.GetUtcNow();
        simulator.State.Expedia.Create(new ExpediaReservationRequest
        {
            HotelId = "1234567",
            RoomTypeId = ExpediaTestData.RoomTypeId,
            RatePlanId = ExpediaTestData.RatePlanId,
            Arrival = new DateOnly(2030, 3, 1),
            Departure = new DateOnly(2030, 3, 3),
            ChildAges = [5],
            Email = "guest@example.com",
            PhoneCountryCode = "1",
            PhoneAreaCode = "206",
            PhoneNumber = "5550100",
            Taxes = 20m,
            BookingId = "987654321",
        });
        var book = await simulator.ExpediaBookingNotifications.SendAsync("987654321", _host.Url, "00000000-0000-0000-0000-000000000001", Ct);
        clock.Advance(TimeSpan.FromMinutes(5));
        simulator.State.Expedia.Modify("987654321", new DateOnly(2030, 3, 2), new DateOnly(2030, 3, 5));
        var modify = await simulator.ExpediaBookingNotifications.SendAsync("987654321", _host.Url, "00000000-0000-0000-0000-000000000002", Ct);
        clock.Advance(TimeSpan.FromMinutes(5));
        simulator.State.Expedia.Cancel("987654321");
        var cancel = await simulator.ExpediaBookingNotifications.SendAsync("987654321", _host.Url, "00000000-0000-0000-0000-000000000003", Ct);

        Assert.All(new[] { book, modify, cancel }, d => Assert.True(d.Delivered, d.Attempts[^1].Problem));
        Golden.Compare("booking_notification_book.xml", book.Body);
        Golden.Compare("booking_notification_modify.xml", modify.Body);
        Golden.Compare("booking_notification_cancel.xml", cancel.Body);
        Golden.Compare("booking_notification_book_reply.xml", book.Attempts[^1].ResponseBody!);
        Assert.All(XDocument.Parse(book.Body).Descendants(XName.Get("BasicPropertyInfo", "http://www.opentravel.org/OTA/2003/05")), e => Assert.Equal("1234567", e.Attribute("HotelCode")!.Value));
    }

    /// <summary>An answer's <c>OTA_HotelResNotifRS</c> without its <c>TimeStamp</c> (when that request arrived, which may be the next second for a resend).</summary>
    private static string Rs(string answer)
    {
        var rs = XDocument.Parse(answer).Descendants(XName.Get("OTA_HotelResNotifRS", "http://www.opentravel.org/OTA/2003/05")).Single();
        rs.Attribute("TimeStamp")?.Remove();
        return rs.ToString();
    }

    private string Book()
    {
        var hotel = ExpediaTestData.NewHotelId();
        return _simulator.State.Expedia.Create(new ExpediaReservationRequest { HotelId = hotel, RoomTypeId = ExpediaTestData.RoomTypeId, Arrival = new DateOnly(2027, 9, 1), Departure = new DateOnly(2027, 9, 3), BookingId = hotel + "07" }).BookingId;
    }
}
