using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChannelManager.Connections;
using ChannelManager.Engine.Bookings;
using ChannelManager.Engine.Events;
using ChannelManager.Events;
using ChannelManager.Simulator.Airbnb;
using ChannelManager.Sync;
using ChannelManager.Common;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// The reference's end-to-end booking flow, for real: a booking from one channel closes its nights on every other
/// connected channel of the property on the simulator, and never touches the source channel.
/// </summary>
public sealed class EndToEndTests(ChannelManagerApp app) : IClassFixture<ChannelManagerApp>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Guid Property, (Guid Id, string Listing)[] Connections)> PropertyWithListingsAsync(int count)
    {
        var property = Guid.NewGuid();
        var connections = new (Guid, string)[count];
        for (var i = 0; i < count; i++)
        {
            var listing = "E2E" + Random.Shared.NextInt64(10_000_000, 99_999_999);
            var c = await app.CreateConnectionAsync(property, listing);
            connections[i] = (c.GetProperty("id").GetGuid(), listing);
        }

        // The initial push may take several platform calls; only once its sync-log row is written are later calls
        // on the listing caused by the test.
        foreach (var (id, listing) in connections)
        {
            await app.WaitForInitialPushAsync(id);
            Assert.True(app.IsAvailableOnPlatform(listing, Today.AddDays(60)));
        }

        return (property, connections);
    }

    private int CalendarCallsFor(string listing) =>
        app.Simulator.State.CallsFor(Platform.Airbnb).Count(c => c.Path.EndsWith("/calendar_operations", StringComparison.Ordinal) && c.RequestBody.Contains(listing, StringComparison.Ordinal));

    [Fact]
    public async Task A_booking_confirmed_event_from_one_channel_closes_the_nights_on_every_channel_the_source_included()
    {
        var (property, c) = await PropertyWithListingsAsync(3);
        var source = c[0];
        var sourceCallsBefore = CalendarCallsFor(source.Listing);
        var checkIn = Today.AddDays(40);

        await app.Get<EventService>().PublishAsync("default", property, new BookingConfirmed
        {
            BookingId = "AIRBNB123", CheckIn = checkIn, CheckOut = checkIn.AddDays(4), Source = "airbnb", SourceConnectionId = source.Id, Status = "confirmed",
        }, cancellationToken: Ct);

        foreach (var other in c.Skip(1))
        {
            await Eventually.TrueAsync(() => Enumerable.Range(0, 4).All(i => app.IsBlockedOnPlatform(other.Listing, checkIn.AddDays(i))), $"{other.Listing} was closed for the stay");
            Assert.True(app.IsAvailableOnPlatform(other.Listing, checkIn.AddDays(4)), "the check-out day stays open");
            Assert.True(app.IsAvailableOnPlatform(other.Listing, checkIn.AddDays(-1)), "the night before stays open");
        }

        // The source channel is told the same state (its own booking's nights closed), so that a push that read the
        // ledger before the booking can never be the last word there.
        await Eventually.TrueAsync(() => Enumerable.Range(0, 4).All(i => app.IsBlockedOnPlatform(source.Listing, checkIn.AddDays(i))), "the source channel holds the closed nights too");
        Assert.True(CalendarCallsFor(source.Listing) > sourceCallsBefore, "the source channel was pushed the ledger's state");

        // Cancelling the booking reopens the nights on the other channels.
        await app.Get<EventService>().PublishAsync("default", property, new BookingCancelled
        {
            BookingId = "AIRBNB123", CheckIn = checkIn, CheckOut = checkIn.AddDays(4), Source = "airbnb", SourceConnectionId = source.Id,
        }, cancellationToken: Ct);
        foreach (var other in c.Skip(1))
        {
            await Eventually.TrueAsync(() => Enumerable.Range(0, 4).All(i => app.IsAvailableOnPlatform(other.Listing, checkIn.AddDays(i))), $"{other.Listing} was reopened");
        }

        await Eventually.TrueAsync(() => Enumerable.Range(0, 4).All(i => app.IsAvailableOnPlatform(source.Listing, checkIn.AddDays(i))), "the source channel was reopened too");
    }

    [Fact]
    public async Task A_direct_booking_closes_every_channel_and_a_price_change_reaches_every_channel()
    {
        var (property, c) = await PropertyWithListingsAsync(2);
        var checkIn = Today.AddDays(80);
        await app.Get<EventService>().PublishAsync("default", property, new BookingConfirmed { BookingId = "PMS-1", CheckIn = checkIn, CheckOut = checkIn.AddDays(2) }, cancellationToken: Ct);
        await app.Get<EventService>().PublishAsync("default", property, new PricingUpdated { From = checkIn.AddDays(2), To = checkIn.AddDays(9), Rate = 149.90m, Currency = "EUR" }, cancellationToken: Ct);
        foreach (var (_, listing) in c)
        {
            await Eventually.TrueAsync(() => app.IsBlockedOnPlatform(listing, checkIn) && app.IsBlockedOnPlatform(listing, checkIn.AddDays(1)), $"{listing} closed");
            await Eventually.TrueAsync(() => app.Simulator.State.GetDay(Platform.Airbnb, listing, checkIn.AddDays(5))?.DailyPrice == 149.90m, $"{listing} got the new price");
            Assert.True(app.IsAvailableOnPlatform(listing, checkIn.AddDays(2)));
        }
    }

    [Fact]
    public async Task A_guest_booking_on_one_platform_is_imported_once_and_closes_the_other_channels()
    {
        var (property, c) = await PropertyWithListingsAsync(3);
        var source = c[0];
        var checkIn = Today.AddDays(120);
        var sink = app.Get<InMemoryPmsBookingSink>();
        var sourceCallsBefore = CalendarCallsFor(source.Listing);

        var result = await app.Simulator.CreateAirbnbReservationAsync(new AirbnbReservationRequest
        {
            ListingId = source.Listing, StartDate = checkIn, Nights = 3, GuestFirstName = "Ada", GuestLastName = "Lovelace", Currency = "EUR", WebhookUrl = app.AirbnbWebhookUrl,
        }, Ct);
        Assert.Equal(200, result.WebhookStatusCode);
        var code = result.Reservation.ConfirmationCode;

        await Eventually.TrueAsync(() => sink.Received.Any(b => b.Reservation.ConfirmationCode == code), "the PMS received the booking");
        foreach (var other in c.Skip(1))
        {
            await Eventually.TrueAsync(() => Enumerable.Range(0, 3).All(i => app.IsBlockedOnPlatform(other.Listing, checkIn.AddDays(i))), $"{other.Listing} was closed");
        }

        var imported = sink.Received.Single(b => b.Reservation.ConfirmationCode == code);
        Assert.Equal(property, imported.PropertyId);
        Assert.Equal(source.Id, imported.ConnectionId);
        Assert.Equal("Ada", imported.Reservation.Guest?.FirstName);
        Assert.Equal(checkIn, imported.Reservation.Stay.Start);
        Assert.Equal(checkIn.AddDays(3), imported.Reservation.Stay.End);

        // The same delivery again (a platform retry) is acknowledged and imports nothing.
        var delivery = result.Webhook!;
        var again = new HttpRequestMessage(HttpMethod.Post, app.AirbnbWebhookUrl) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json") };
        foreach (var (k, v) in AirbnbWebhookSigner.CreateHeaders(app.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(delivery.Body), delivery.DeliveryId))
        {
            again.Headers.TryAddWithoutValidation(k, v);
        }

        // The platform the guest booked on is told the ledger's state too; then a duplicate changes nothing more.
        await Eventually.TrueAsync(() => Enumerable.Range(0, 3).All(i => app.IsBlockedOnPlatform(source.Listing, checkIn.AddDays(i))) && CalendarCallsFor(source.Listing) > sourceCallsBefore, "the source channel holds the closed nights");
        await Task.Delay(300, Ct);
        var sourceCallsAfterImport = CalendarCallsFor(source.Listing);
        var duplicate = await app.Client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal("duplicate", JsonDocument.Parse(await duplicate.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("status").GetString());
        await Task.Delay(300, Ct);
        Assert.Single(sink.Received, b => b.Reservation.ConfirmationCode == code);
        Assert.Equal(sourceCallsAfterImport, CalendarCallsFor(source.Listing)); // the duplicate pushed nothing either

        // A cancellation on the platform reopens the nights elsewhere and reaches the PMS.
        await app.Simulator.CancelAirbnbReservationAsync(code, app.AirbnbWebhookUrl, Ct);
        await Eventually.TrueAsync(() => sink.Received.Any(b => b.Reservation.ConfirmationCode == code && b.Reservation.Status == Bookings.BookingStatus.Cancelled), "the PMS received the cancellation");
        foreach (var other in c.Skip(1))
        {
            await Eventually.TrueAsync(() => Enumerable.Range(0, 3).All(i => app.IsAvailableOnPlatform(other.Listing, checkIn.AddDays(i))), $"{other.Listing} was reopened");
        }

        await Eventually.TrueAsync(() => Enumerable.Range(0, 3).All(i => app.IsAvailableOnPlatform(source.Listing, checkIn.AddDays(i))), "the source channel was reopened too");
    }
}
