using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator;
using ChannelManager.Simulator.FewoDirekt;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.Tests.FewoDirekt;

/// <summary>The simulated Vrbo against the adapter's feeds and booking endpoint, over HTTP.</summary>
public sealed class FewoDirektSimulatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => FewoDirektTestData.Today;

    [Fact]
    public async Task The_simulated_vrbo_reads_the_feeds_and_sees_nights_closed_by_a_booking_on_another_platform()
    {
        await using var host = await FewoFeedHost.StartAsync(o => o.FeedDays = 60);
        var connection = await host.AddAsync(FewoDirektTestData.Connection("sim-listing", "sim-advertiser"));
        host.Ledger.Set(connection.TenantId, connection.PropertyId, new AriDay { Date = Today.AddDays(5), AvailableUnits = 1, Rate = 140m, Currency = "EUR", MinStay = 3 });
        await using var simulator = await StartSimulatorAsync(host);

        var first = await simulator.FewoDirekt.PollAsync(Ct);
        Assert.True(first.Succeeded, string.Join("; ", first.Errors));
        Assert.Equal(1, first.Advertisers);
        Assert.Equal(2, first.ContentRead);
        Assert.True(simulator.State.GetDay(Platform.FewoDirekt, "sim-listing", Today.AddDays(10))!.IsAvailable);
        Assert.Equal(140m, simulator.State.GetDay(Platform.FewoDirekt, "sim-listing", Today.AddDays(5))!.DailyPrice);
        Assert.Equal(3, simulator.State.GetDay(Platform.FewoDirekt, "sim-listing", Today.AddDays(5))!.MinNights);

        // Nothing changed: Vrbo skips the content (lastUpdatedDate did not move).
        var unchanged = await simulator.FewoDirekt.PollAsync(Ct);
        Assert.Equal((0, 2), (unchanged.ContentRead, unchanged.ContentUnchanged));

        // A booking on another platform closes nights in the ledger; the next read shows them closed.
        host.Ledger.Close(connection.TenantId, connection.PropertyId, Today.AddDays(10), Today.AddDays(13));
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await simulator.FewoDirekt.PollAsync(Ct);
        Assert.Equal(1, second.ContentRead);
        Assert.All(Enumerable.Range(10, 3), i => Assert.False(simulator.State.GetDay(Platform.FewoDirekt, "sim-listing", Today.AddDays(i))!.IsAvailable));
        Assert.True(simulator.State.GetDay(Platform.FewoDirekt, "sim-listing", Today.AddDays(13))!.IsAvailable);
    }

    [Fact]
    public async Task The_simulated_vrbo_with_wrong_credentials_is_refused_and_reports_it()
    {
        await using var host = await FewoFeedHost.StartAsync();
        await host.AddAsync(FewoDirektTestData.Connection("refused-listing"));
        await using var simulator = await StartSimulatorAsync(host, password: "wrong-password-0123456789");
        var poll = await simulator.FewoDirekt.PollAsync(Ct);
        Assert.False(poll.Succeeded);
        Assert.Contains("HTTP 401", poll.Errors.Single(), StringComparison.Ordinal);
        Assert.Null(simulator.State.GetDay(Platform.FewoDirekt, "refused-listing", Today));

        var booking = await simulator.FewoDirekt.CreateReservationAsync(new FewoDirektReservationRequest { ListingId = "refused-listing", BeginDate = Today.AddDays(3), EndDate = Today.AddDays(5) }, cancellationToken: Ct);
        Assert.False(booking.Delivery!.Accepted);
        Assert.Equal(401, booking.Delivery.StatusCode);
        Assert.Empty(host.Received);
    }

    [Fact]
    public async Task The_simulated_vrbo_posts_a_booking_request_and_checks_the_booking_response()
    {
        await using var host = await FewoFeedHost.StartAsync();
        await host.AddAsync(FewoDirektTestData.Connection("booked-listing", "adv-9"));
        await using var simulator = await StartSimulatorAsync(host);
        var created = await simulator.FewoDirekt.CreateReservationAsync(
            new FewoDirektReservationRequest { ListingId = "booked-listing", AdvertiserId = "adv-9", BeginDate = Today.AddDays(3), EndDate = Today.AddDays(6), Email = "guest@example.com", CleaningFee = 40m },
            cancellationToken: Ct);
        Assert.True(created.Delivery!.Accepted, created.Delivery.Error);
        Assert.Equal("CONFIRMED", created.Delivery.ReplyStatus);
        Assert.Equal("fewo_direkt:" + created.Reservation.ReservationId, created.Delivery.ExternalId);
        var notification = Assert.Single(host.Received);
        Assert.Equal(WebhookNotificationKind.ReservationCreated, notification.Kind);
        Assert.Equal(created.Reservation.ReservationId, notification.ConfirmationCode);
        Assert.Equal(new DateRange(Today.AddDays(3), Today.AddDays(6)), notification.Reservation!.Stay);
        Assert.Equal(created.Reservation.Total, notification.Reservation.TotalAmount);

        var cancelled = await simulator.FewoDirekt.CancelReservationAsync(created.Reservation.ReservationId, cancellationToken: Ct);
        Assert.Equal("CANCELLED", cancelled.Delivery!.ReplyStatus);
        Assert.Equal(WebhookNotificationKind.ReservationCancelled, host.Received[^1].Kind);
        Assert.Equal(created.Reservation.ReservationId, host.Received[^1].ConfirmationCode);
    }

    private static Task<PlatformSimulator> StartSimulatorAsync(FewoFeedHost host, string password = FewoDirektTestData.FeedPassword) =>
        PlatformSimulator.StartAsync(
            new PlatformSimulatorOptions
            {
                FewoDirekt =
                {
                    FeedUrl = host.FeedUrl,
                    BookingUrl = host.WebhookUrl,
                    PartnerUsername = FewoDirektTestData.FeedUsername,
                    PartnerPassword = password,
                },
            },
            Ct);
}
