using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using ChannelManager.Adapters.BookingCom;
using ChannelManager.Adapters.FewoDirekt;
using ChannelManager.AspNetCore.Tests.Hosting;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.BookingCom;
using Microsoft.Extensions.Options;

namespace ChannelManager.AspNetCore.Tests.Inbound;

/// <summary>
/// The inbound flow end to end, with every platform enabled against the simulator and one PMS property connected to
/// one listing on each: a guest books on Booking.com, its signed notification reaches <c>/webhooks/booking-com</c>
/// (five times), the reservation is pulled, the PMS sink receives it exactly once, Airbnb, Expedia and Google close
/// the nights, Vrbo's feed shows them unavailable (read by the simulated Vrbo's poll), and Booking.com itself is not
/// pushed those nights; a modification moves the closed nights, a cancellation reopens them. Run on embedded
/// defaults and on Redis Streams + PostgreSQL by the two derived classes.
/// </summary>
/// <typeparam name="TApp">The host.</typeparam>
public abstract class InboundEndToEndScenario<TApp>(TApp app)
    where TApp : AllPlatformsApp
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Listings(string Hotel, string BookingCom, string Airbnb, string Expedia, string Google, string Vrbo);

    [Fact]
    public async Task A_booking_com_reservation_reaches_the_pms_once_and_closes_modifies_and_reopens_the_nights_everywhere_else()
    {
        var property = Guid.NewGuid();
        var l = await ConnectEveryPlatformAsync(property);
        var stay = new DateRange(Today.AddDays(40), Today.AddDays(43));
        app.Simulator.State.ClearCalls();

        // A guest books on Booking.com; the notification (an alert naming the hotel) arrives five times.
        var reservation = app.Simulator.State.BookingCom.Create(new BookingComReservationRequest { HotelId = l.Hotel, RoomId = "101", Arrival = stay.Start, Departure = stay.End });
        var bookingId = "booking_com:" + reservation.ReservationId;
        var delivery = Guid.NewGuid();
        for (var i = 0; i < 5; i++)
        {
            await NotifyAsync(l.Hotel, delivery, "reservation_created");
        }

        await Eventually.TrueAsync(() => app.Sink.CallsFor(bookingId).Count > 0, "the PMS received the booking", 15_000);
        await Eventually.TrueAsync(async () => await ClosedEverywhereElseAsync(l, stay), () => "Airbnb, Expedia, Google and Vrbo closed the nights: " + Describe(l, stay), 15_000);
        await Eventually.TrueAsync(() => app.Simulator.State.BookingCom.GetReservation(reservation.ReservationId) is { PendingNew: false }, "Booking.com's queue was acknowledged");
        await NotifyAsync(l.Hotel, Guid.NewGuid(), "reservation_created"); // a later alert for the same reservation
        await SettleAsync();
        Assert.Single(app.Sink.CallsFor(bookingId));
        var imported = app.Sink.CallsFor(bookingId)[0];
        Assert.Equal((property, stay), (imported.PropertyId, imported.Reservation.Stay));
        await Eventually.TrueAsync(() => BookingComShows(l, stay, closed: true), "Booking.com, where it was sold, is told the ledger's state too", 15_000);

        // The guest moves the stay: the old nights reopen everywhere else, the new ones close.
        var moved = new DateRange(Today.AddDays(50), Today.AddDays(52));
        app.Simulator.State.BookingCom.Modify(reservation.ReservationId, moved.Start, moved.End);
        await NotifyAsync(l.Hotel, Guid.NewGuid(), "reservation_modified");
        await Eventually.TrueAsync(async () => await ClosedEverywhereElseAsync(l, moved) && await OpenEverywhereElseAsync(l, stay), "the closed nights moved on every other platform", 15_000);
        await Eventually.TrueAsync(() => BookingComShows(l, moved, closed: true) && BookingComShows(l, stay, closed: false), "and on Booking.com itself", 15_000);

        // The guest cancels: every night opens again.
        app.Simulator.State.BookingCom.Cancel(reservation.ReservationId);
        await NotifyAsync(l.Hotel, Guid.NewGuid(), "reservation_cancelled");
        await Eventually.TrueAsync(async () => await OpenEverywhereElseAsync(l, moved) && await OpenEverywhereElseAsync(l, stay), "the cancellation reopened the nights", 15_000);
        await Eventually.TrueAsync(() => BookingComShows(l, moved, closed: false), "on Booking.com too", 15_000);

        await SettleAsync();
        var versions = app.Sink.CallsFor(bookingId);
        Assert.Equal(3, versions.Count);
        Assert.Equal(3, versions.Select(v => v.IdempotencyKey).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal([stay, moved, moved], versions.Select(v => v.Reservation.Stay));
        Assert.Equal(Bookings.BookingStatus.Cancelled, versions[2].Reservation.Status);
    }

    private async Task<Listings> ConnectEveryPlatformAsync(Guid property)
    {
        var n = Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var l = new Listings(n, $"{n}:101", "e2e" + n, $"{n}:201", "vr-" + n, "fewo-" + n);
        await app.CreateAsync(property, "booking_com", l.BookingCom, new() { ["rate_plan_id"] = "987654", ["currency"] = "EUR" });
        await app.CreateAsync(property, "airbnb", l.Airbnb, new() { ["listing_id"] = l.Airbnb });
        await app.CreateAsync(property, "expedia", l.Expedia, new() { ["rate_plan_id"] = "200154A", ["currency"] = "EUR" });
        await app.CreateAsync(property, "google", l.Google, new() { ["rate_plan_id"] = "standard", ["currency"] = "EUR" });
        await app.CreateAsync(property, "fewo_direkt", l.Vrbo, new() { ["advertiser_id"] = "adv-" + n, ["currency"] = "EUR" });
        await Eventually.TrueAsync(async () => await OpenEverywhereElseAsync(l, new DateRange(Today.AddDays(40), Today.AddDays(53))), "every platform shows the nights open", 15_000);
        return l;
    }

    /// <summary>A Booking.com Connectivity Notification: JSON, with the bearer JWT the host's adapter verifies.</summary>
    private async Task NotifyAsync(string hotel, Guid uuid, string type)
    {
        var key = app.Get<IOptions<BookingComOptions>>().Value.NotificationSigningKey!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/booking-com")
        {
            Content = new StringContent($$$"""{"metadata":{"uuid":"{{{uuid}}}","type":"{{{type}}}","payloadVersion":"1.0"},"payload":{"hotel_id":"{{{hotel}}}"}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BookingComNotificationTokens.Issue(key, "booking-cns", DateTimeOffset.UtcNow, TimeSpan.FromHours(1)));
        using var answer = await app.Client.SendAsync(request, Ct);
        Assert.True(answer.IsSuccessStatusCode, $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(Ct)}");
    }

    private async Task<bool> ClosedEverywhereElseAsync(Listings l, DateRange stay) =>
        Nights(stay).All(night => Closed(Platform.Airbnb, l.Airbnb, night) && Closed(Platform.Expedia, l.Expedia, night) && Closed(Platform.Google, l.Google, night))
        && await VrboShowsAsync(l, stay, available: false);

    private async Task<bool> OpenEverywhereElseAsync(Listings l, DateRange stay) =>
        Nights(stay).All(night => Open(Platform.Airbnb, l.Airbnb, night) && Open(Platform.Expedia, l.Expedia, night) && Open(Platform.Google, l.Google, night))
        && await VrboShowsAsync(l, stay, available: true);

    private bool Closed(Platform platform, string listing, DateOnly night) => app.Simulator.State.GetDay(platform, listing, night) is { IsAvailable: false } or { AvailableCount: 0 };

    private bool Open(Platform platform, string listing, DateOnly night) => app.Simulator.State.GetDay(platform, listing, night) is { IsAvailable: true } day && day.AvailableCount is not 0;

    /// <summary>
    /// Vrbo pulls: the simulated Vrbo polls the host's feeds (with the partner credentials), and its calendar must say
    /// so; the host's own availability feed, read over HTTP the same way, must agree.
    /// </summary>
    private async Task<bool> VrboShowsAsync(Listings l, DateRange stay, bool available)
    {
        await app.Simulator.FewoDirekt.PollAsync(Ct);
        var polled = Nights(stay).All(night => app.Simulator.State.GetDay(Platform.FewoDirekt, l.Vrbo, night) is { } day && day.IsAvailable == available);
        if (!polled)
        {
            return false;
        }

        var feed = app.Get<IOptions<FewoDirektOptions>>().Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{AllPlatformsApp.FewoDirektFeedPrefix.TrimStart('/')}/advertisers/adv-{l.Hotel}/listings/{l.Vrbo}/units/{l.Vrbo}/availability");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(feed.FeedUsername + ":" + feed.FeedPassword)));
        using var answer = await app.Client.SendAsync(request, Ct);
        var document = XDocument.Parse(await answer.Content.ReadAsStringAsync(Ct));
        var begin = DateOnly.Parse(document.Descendants("beginDate").First().Value, CultureInfo.InvariantCulture);
        var days = document.Descendants("availability").First().Value;
        return Nights(stay).All(night => days[night.DayNumber - begin.DayNumber] == (available ? 'Y' : 'N'));
    }

    /// <summary>
    /// Booking.com's own calendar for the room: it adjusts itself for its reservation, and is told the ledger's state
    /// all the same (a push that read the ledger before the reservation must not be the last word there).
    /// </summary>
    private bool BookingComShows(Listings l, DateRange stay, bool closed) =>
        Nights(stay).All(night => closed
            ? Closed(Platform.BookingCom, BookingComState.ListingKey(l.Hotel, "101"), night)
            : Open(Platform.BookingCom, BookingComState.ListingKey(l.Hotel, "101"), night));

    private string Describe(Listings l, DateRange stay) => string.Join(
        "; ",
        new[] { (Platform.Airbnb, l.Airbnb), (Platform.Expedia, l.Expedia), (Platform.Google, l.Google), (Platform.FewoDirekt, l.Vrbo) }
            .Select(p => $"{p.Item1}: " + string.Join(",", Nights(stay).Select(n => app.Simulator.State.GetDay(p.Item1, p.Item2, n) is { } d ? $"{d.IsAvailable}/{d.AvailableCount}" : "none"))));

    /// <summary>Gives a late repeat (a redelivered event, a retried inbox entry) time to show up.</summary>
    private static Task SettleAsync() => Task.Delay(500, Ct);

    private static IEnumerable<DateOnly> Nights(DateRange stay)
    {
        for (var n = stay.Start; n < stay.End; n = n.AddDays(1))
        {
            yield return n;
        }
    }
}
