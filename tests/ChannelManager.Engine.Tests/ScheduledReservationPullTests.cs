using ChannelManager.Bookings;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Engine.Bookings;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Sync;
using ChannelManager.Inventory;
using ChannelManager.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChannelManager.Engine.Tests;

/// <summary>Reservations of pull platforms arrive without anyone asking: each platform's connections are pulled on a schedule.</summary>
public sealed class ScheduledReservationPullTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reservation_waiting_on_the_platform_is_imported_by_the_next_scheduled_pull()
    {
        var platform = new RecordingAdapter(Platform.Expedia);
        await using var host = await EngineHost.StartAsync(o => o.ReservationPollIntervals[Platform.Expedia] = TimeSpan.FromMilliseconds(300), platform);
        var service = host.Get<ChannelConnectionService>();
        var property = Guid.NewGuid();
        var connection = await service.CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "expedia", PlatformListingId = "P1", AccessToken = "x" }, Ct);

        // The reservation appears on the platform after the connection's own initial pull, so only a scheduled one finds it.
        await Eventually.TrueAsync(
            async () => (await service.GetSyncLogsAsync("t", connection.Id, new PageRequest(100), Ct)).Items.Any(e => e.Operation == SyncOperations.ReservationPull),
            "the connection's initial pull ran");
        lock (platform.Reservations)
        {
            platform.Reservations.Add(new PlatformReservation
            {
                Platform = Platform.Expedia,
                ConfirmationCode = "E-1",
                ListingId = "P1",
                Stay = new DateRange(Today.AddDays(5), Today.AddDays(7)),
                Status = BookingStatus.Confirmed,
                UpdatedAt = DateTimeOffset.UtcNow,
            });
        }

        var sink = host.Get<InMemoryPmsBookingSink>();
        await Eventually.TrueAsync(() => sink.Received.Any(b => b.Reservation.ConfirmationCode == "E-1"), "the scheduled pull imported the reservation");
        var logs = await service.GetSyncLogsAsync("t", connection.Id, new PageRequest(100), Ct);
        Assert.Contains(logs.Items, e => e.Operation == SyncOperations.ReservationPull && e.Trigger == "schedule:expedia");
        Assert.Single(sink.Received, b => b.Reservation.ConfirmationCode == "E-1");
    }

    [Fact]
    public async Task Rooms_of_one_hotel_share_one_pull_and_platforms_without_an_interval_are_not_pulled()
    {
        var bookingCom = new RecordingAdapter(Platform.BookingCom);
        var google = new RecordingAdapter(Platform.Google);
        await using var host = await EngineHost.StartAsync(
            o => o.ReservationPollIntervals.Clear(), // no background rounds: the test drives them
            bookingCom,
            google);
        var service = host.Get<ChannelConnectionService>();
        foreach (var (platform, listing) in new[] { ("booking_com", "100:1"), ("booking_com", "100:2"), ("booking_com", "200:1"), ("google", "G1") })
        {
            await service.CreateAsync("t", new NewChannelConnection { PropertyId = Guid.NewGuid(), PlatformType = platform, PlatformListingId = listing, AccessToken = "x" }, Ct);
        }

        var poller = host.Services.GetServices<IHostedService>().OfType<ReservationPoller>().Single();
        var intervals = new Dictionary<Platform, TimeSpan> { [Platform.BookingCom] = TimeSpan.FromHours(1) };

        // Hotel 100 (two rooms) and hotel 200: two pulls; Google has no interval.
        Assert.Equal(2, await poller.RunDueRoundsAsync(intervals, Ct));

        // The interval has not passed: nothing is queued again.
        Assert.Equal(0, await poller.RunDueRoundsAsync(intervals, Ct));
    }
}
