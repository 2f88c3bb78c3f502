using System.Text;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator;
using ChannelManager.Simulator.Faults;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Adapters.ICal;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Adapters.Tests.ICal;

/// <summary>Imports feeds served by the platform simulator over real HTTP.</summary>
public sealed class ICalImportTests : IAsyncLifetime
{
    private PlatformSimulator _simulator = null!;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public async ValueTask InitializeAsync() =>
        _simulator = await PlatformSimulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _simulator.DisposeAsync();

    private (ChannelConnection Connection, string Listing) NewFeed(Platform platform = Platform.ICal)
    {
        var listing = TestData.NewListingId();
        var path = platform == Platform.ICal ? $"ical/{listing}.ics" : $"ical/{platform.ToWebhookSlug()}/{listing}.ics";
        return (ICalTestSupport.Connection(listing, new Uri(_simulator.BaseAddress, path).AbsoluteUri), listing);
    }

    [Fact]
    public async Task New_changed_and_removed_events_map_to_confirmed_modified_and_cancelled()
    {
        await using var provider = ICalTestSupport.Provider();
        var adapter = provider.Adapter();
        var (connection, listing) = NewFeed();
        var feeds = _simulator.ICalFeeds;
        feeds.Reserve(Platform.ICal, listing, "R1", Today.AddDays(5), Today.AddDays(8));
        feeds.Reserve(Platform.ICal, listing, "R2", Today.AddDays(20), Today.AddDays(22));
        feeds.Reserve(Platform.ICal, listing, "PAST", Today.AddDays(-10), Today.AddDays(-7));
        var ct = TestContext.Current.CancellationToken;

        // New: both upcoming events are confirmed; the past one is ignored.
        var first = await adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), ct);
        Assert.Equal(["R1@ical.simulator", "R2@ical.simulator"], first.Select(r => r.ConfirmationCode));
        Assert.All(first, r => Assert.Equal(BookingStatus.Confirmed, r.Status));
        Assert.All(first, r => Assert.Equal(Platform.ICal, r.Platform));
        Assert.All(first, r => Assert.Equal(listing, r.ListingId));
        Assert.Equal(new DateRange(Today.AddDays(5), Today.AddDays(8)), first[0].Stay);

        // Unchanged: the same versions, so the engine's importer deduplicates them.
        var again = await adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), ct);
        Assert.Equal(first, again);

        // Changed: R1 moves (same UID, new stay, newer version); removed: R2 vanishes → cancelled.
        feeds.Release(Platform.ICal, listing, "R1");
        feeds.Reserve(Platform.ICal, listing, "R1", Today.AddDays(6), Today.AddDays(10));
        feeds.Release(Platform.ICal, listing, "R2");
        var changed = await adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), ct);
        var r1 = Assert.Single(changed, r => r.ConfirmationCode == "R1@ical.simulator");
        Assert.Equal(BookingStatus.Confirmed, r1.Status);
        Assert.Equal(new DateRange(Today.AddDays(6), Today.AddDays(10)), r1.Stay);
        Assert.True(r1.UpdatedAt > first[0].UpdatedAt);
        var r2 = Assert.Single(changed, r => r.ConfirmationCode == "R2@ical.simulator");
        Assert.Equal(BookingStatus.Cancelled, r2.Status);
        Assert.Equal(first[1].Stay, r2.Stay);
        Assert.True(r2.UpdatedAt > first[1].UpdatedAt);

        // The cancellation keeps being reported (idempotently, same version) until its stay is over.
        var later = await adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), ct);
        Assert.Equal(changed, later);

        // One reservation by code.
        var one = await adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(ConfirmationCode: "R2@ical.simulator"), ct);
        Assert.Equal(BookingStatus.Cancelled, Assert.Single(one).Status);
    }

    [Fact]
    public async Task Second_import_is_a_conditional_GET_answered_304_and_keeps_the_reservations()
    {
        await using var provider = ICalTestSupport.Provider();
        var adapter = provider.Adapter();
        var (connection, listing) = NewFeed();
        _simulator.ICalFeeds.Reserve(Platform.ICal, listing, "C1", Today.AddDays(3), Today.AddDays(4));
        var ct = TestContext.Current.CancellationToken;

        var first = await adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), ct);
        var second = await adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), ct);
        Assert.Equal(first, second);

        var calls = _simulator.State.CallsFor(Platform.ICal).Where(c => c.PathAndQuery.Contains(listing, StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, calls.Length);
        Assert.Equal(200, calls[0].StatusCode);
        Assert.False(calls[0].RequestHeaders.ContainsKey("If-None-Match"));
        Assert.Equal(304, calls[1].StatusCode);
        Assert.True(calls[1].RequestHeaders.ContainsKey("If-None-Match"));
        Assert.True(calls[1].RequestHeaders.ContainsKey("If-Modified-Since"));
    }

    [Fact]
    public async Task Airbnb_style_feed_with_folded_lines_and_host_blocks_imports_every_blocked_run()
    {
        await using var provider = ICalTestSupport.Provider();
        var adapter = provider.Adapter();
        var (connection, listing) = NewFeed(Platform.Airbnb);
        _simulator.ICalFeeds.Reserve(Platform.Airbnb, listing, "HMABCDEF12", Today.AddDays(2), Today.AddDays(5));
        _simulator.State.SetDay(Platform.Airbnb, listing, new ChannelManager.Simulator.State.SimulatedDay { Date = Today.AddDays(9), IsAvailable = false, BusySubtype = "BLOCKED_BY_HOST" });

        var reservations = await adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), TestContext.Current.CancellationToken);
        Assert.Equal(2, reservations.Count);
        Assert.Equal("HMABCDEF12@airbnb.com", reservations[0].ConfirmationCode);
        Assert.Equal(new DateRange(Today.AddDays(9), Today.AddDays(10)), reservations[1].Stay);
        Assert.EndsWith("@airbnb.com", reservations[1].ConfirmationCode, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_feed_is_rejected_with_a_clear_non_transient_error_and_the_last_import_stays()
    {
        await using var provider = ICalTestSupport.Provider();
        var adapter = provider.Adapter();
        var (connection, listing) = NewFeed();
        _simulator.ICalFeeds.Reserve(Platform.ICal, listing, "K1", Today.AddDays(3), Today.AddDays(4));
        var ct = TestContext.Current.CancellationToken;
        var good = await adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), ct);

        foreach (var (body, expected) in new[]
                 {
                     ("<html>Sign in</html>", "not an iCalendar feed"),
                     ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20990101\r\n", "malformed iCalendar"),
                     ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:no start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "no valid DTSTART"),
                 })
        {
            _simulator.ICalFeeds.SetRawFeed(Platform.ICal, listing, body);
            var ex = await Assert.ThrowsAsync<PlatformCallException>(() => adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), ct));
            Assert.False(ex.IsTransient);
            Assert.Equal(Platform.ICal, ex.Platform);
            Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
            Assert.Contains(connection.Id.ToString(), ex.Message, StringComparison.Ordinal);
        }

        // A broken feed cancels nothing: once it is fixed, the same reservation comes back unchanged.
        _simulator.ICalFeeds.SetRawFeed(Platform.ICal, listing, null);
        Assert.Equal(good, await adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), ct));
    }

    [Fact]
    public async Task Oversized_feed_and_too_many_events_are_rejected()
    {
        await using var provider = ICalTestSupport.Provider(o =>
        {
            o.MaxFeedBytes = 4096;
            o.MaxEvents = 3;
        });
        var adapter = provider.Adapter();
        var ct = TestContext.Current.CancellationToken;

        var (big, bigListing) = NewFeed();
        _simulator.ICalFeeds.SetRawFeed(Platform.ICal, bigListing, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + string.Concat(Enumerable.Repeat("X-FILLER:" + new string('a', 60) + "\r\n", 100)) + "END:VCALENDAR\r\n");
        var tooLarge = await Assert.ThrowsAsync<PlatformCallException>(() => adapter.FetchReservationsAsync(big, new ReservationFetchRequest(), ct));
        Assert.False(tooLarge.IsTransient);
        Assert.Contains("larger than the limit of 4096 bytes", tooLarge.Message, StringComparison.Ordinal);

        var (many, manyListing) = NewFeed();
        for (var i = 0; i < 4; i++)
        {
            _simulator.ICalFeeds.Reserve(Platform.ICal, manyListing, $"M{i}", Today.AddDays(2 + (2 * i)), Today.AddDays(3 + (2 * i)));
        }

        var tooMany = await Assert.ThrowsAsync<PlatformCallException>(() => adapter.FetchReservationsAsync(many, new ReservationFetchRequest(), ct));
        Assert.False(tooMany.IsTransient);
        Assert.Contains("4 events, more than the limit of 3", tooMany.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Platform_failures_are_transient_and_a_missing_or_insecure_URL_is_not()
    {
        await using var provider = ICalTestSupport.Provider();
        var adapter = provider.Adapter();
        var ct = TestContext.Current.CancellationToken;
        var (connection, _) = NewFeed();

        _simulator.State.InjectFault(SimulatorFault.Status(Platform.ICal, 503, retryAfterSeconds: 7));
        var unavailable = await Assert.ThrowsAsync<PlatformCallException>(() => adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), ct));
        Assert.True(unavailable.IsTransient);
        Assert.Equal(503, unavailable.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), unavailable.RetryAfter);

        _simulator.State.InjectFault(SimulatorFault.Truncated(Platform.ICal));
        var cut = await Assert.ThrowsAsync<PlatformCallException>(() => adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), ct));
        Assert.True(cut.IsTransient);

        var noUrl = await Assert.ThrowsAsync<PlatformCallException>(() => adapter.FetchReservationsAsync(ICalTestSupport.Connection("x"), new ReservationFetchRequest(), ct));
        Assert.False(noUrl.IsTransient);
        Assert.Contains("ical_url", noUrl.Message, StringComparison.Ordinal);

        await using var strict = ICalTestSupport.Provider(o => o.AllowInsecureHttp = false);
        var insecure = await Assert.ThrowsAsync<PlatformCallException>(() => strict.Adapter().FetchReservationsAsync(connection, new ReservationFetchRequest(), ct));
        Assert.Contains("https", insecure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_is_a_no_op_and_the_connection_test_reads_the_feed()
    {
        await using var provider = ICalTestSupport.Provider();
        var adapter = provider.Adapter();
        var (connection, listing) = NewFeed();
        _simulator.ICalFeeds.Reserve(Platform.ICal, listing, "T1", Today.AddDays(1), Today.AddDays(2));
        var ct = TestContext.Current.CancellationToken;

        var push = await adapter.PushAriAsync(new AriPushRequest(connection, [new AriDay { Date = Today, AvailableUnits = 0 }]), ct);
        Assert.Equal(0, push.PlatformCalls);
        Assert.DoesNotContain(_simulator.State.CallsFor(Platform.ICal), c => c.PathAndQuery.Contains(listing, StringComparison.Ordinal));

        var test = await adapter.TestConnectionAsync(connection, ct);
        Assert.True(test.Healthy, test.Message);
        Assert.Contains("1 upcoming events", test.Message, StringComparison.Ordinal);

        _simulator.ICalFeeds.SetRawFeed(Platform.ICal, listing, "nonsense");
        var broken = await adapter.TestConnectionAsync(connection, ct);
        Assert.False(broken.Healthy);
        Assert.Contains("not an iCalendar feed", broken.Message, StringComparison.Ordinal);
        Assert.False(adapter.VerifyWebhook(new Webhooks.WebhookRequest { Headers = new Dictionary<string, string>(), Body = Encoding.UTF8.GetBytes("{}"), ReceivedAt = DateTimeOffset.UtcNow }).IsAuthentic);
    }
}
