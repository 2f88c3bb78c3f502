using ChannelManager.Adapters;
using ChannelManager.Bookings;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Sync;
using ChannelManager.Events;
using ChannelManager.Inventory;
using ChannelManager.Sync;
using ChannelManager.Webhooks;

namespace ChannelManager.Engine.Tests;

/// <summary>A night changed by hand in the platform's extranet is found by the scheduled reconciliation, pushed again and recorded.</summary>
public sealed class CalendarReconciliationTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Only_fields_a_push_sends_and_the_platform_reports_are_compared()
    {
        var night = new DateOnly(2030, 5, 1);
        AriDay Day(int offset) => new() { Date = night.AddDays(offset), AvailableUnits = 1, Rate = 100m, MinStay = 2 };
        var ledger = Enumerable.Range(0, 6).Select(Day).ToArray();
        ledger[5] = ledger[5] with { Rate = null, MinStay = null };
        var platform = new[]
        {
            new PlatformCalendarNight { Date = night, IsBookable = true, AvailableUnits = 1, Rate = 100m, MinStay = 2 },
            new PlatformCalendarNight { Date = night.AddDays(1), IsBookable = false, Rate = 100m, MinStay = 2 },
            new PlatformCalendarNight { Date = night.AddDays(2), IsBookable = true, Rate = 90m, MinStay = 2 },
            new PlatformCalendarNight { Date = night.AddDays(3) }, // no availability reported, but no price and no min stay held
            // night + 4 is not reported at all
            new PlatformCalendarNight { Date = night.AddDays(5), IsBookable = true, Rate = 55m, MinStay = 7 }, // the ledger sets neither
        };

        var (ranges, nights, fields) = CalendarDrift.Find(ledger, platform);

        Assert.Equal([new DateRange(night.AddDays(1), night.AddDays(4))], ranges);
        Assert.Equal(3, nights);
        Assert.Equal(["availability", "min stay", "rate"], fields.Order(StringComparer.Ordinal));
        Assert.Contains("3 nights differed", CalendarDrift.Describe(ranges, nights, fields), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hand_edit_on_the_platform_is_found_pushed_again_and_logged()
    {
        var platform = new ReadableCalendarAdapter();
        await using var host = await EngineHost.StartAsync(o => o.ReconciliationInterval = TimeSpan.FromMilliseconds(300), platform);
        var property = Guid.NewGuid();
        var connection = await host.Get<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "R", AccessToken = "x" }, Ct);
        var events = host.Get<EventService>();
        var priced = Today.AddDays(40);
        var booked = Today.AddDays(45);
        await events.PublishAsync("t", property, new PricingUpdated { From = priced, To = priced.AddDays(1), Rate = 120m, Currency = "EUR" }, cancellationToken: Ct);
        await events.PublishAsync("t", property, new BookingConfirmed { BookingId = "B", CheckIn = booked, CheckOut = booked.AddDays(1) }, cancellationToken: Ct);
        await Eventually.TrueAsync(() => platform.Recording.Calendar.TryGetValue(("R", priced), out var d) && d.Rate == 120m && platform.Recording.IsClosed("R", booked), "the platform got the price and the closure");
        var logs = host.Get<ISyncLogStore>();
        await Eventually.TrueAsync(async () => (await logs.ListAsync("t", connection.Id, new PageRequest(500), Ct)).Items.Any(e => e.Operation == SyncOperations.CalendarReconcile && e.Details == "no difference"), "a round found nothing to repair");

        // Someone reopens the booked night and changes the price in the extranet.
        platform.Recording.Calendar[("R", booked)] = platform.Recording.Calendar[("R", booked)] with { AvailableUnits = 1 };
        platform.Recording.Calendar[("R", priced)] = platform.Recording.Calendar[("R", priced)] with { Rate = 60m };

        await Eventually.TrueAsync(() => platform.Recording.IsClosed("R", booked) && platform.Recording.Calendar[("R", priced)].Rate == 120m, "the reconciliation pushed the ledger's state again");
        SyncLogEntry? repaired = null;
        await Eventually.TrueAsync(
            async () => (repaired = (await logs.ListAsync("t", connection.Id, new PageRequest(500), Ct)).Items.FirstOrDefault(e => e.Operation == SyncOperations.CalendarReconcile && e.Details != "no difference")) is not null,
            "the repair was logged (the row is written after the nights are marked, so it may trail the push)");
        Assert.NotNull(repaired);
        Assert.Equal(SyncOutcome.Succeeded, repaired.Outcome);
        Assert.Contains("2 nights differed", repaired.Details, StringComparison.Ordinal);
        Assert.Contains("availability", repaired.Details, StringComparison.Ordinal);
        Assert.Contains("rate", repaired.Details, StringComparison.Ordinal);
        Assert.Equal(CalendarReconciler.Trigger, repaired.Trigger);
    }

    /// <summary>The recording platform, whose calendar can also be read back.</summary>
    private sealed class ReadableCalendarAdapter : IChannelAdapter, IChannelCalendarReader
    {
        public RecordingAdapter Recording { get; } = new();

        public Platform Platform => Recording.Platform;

        public Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default) => Recording.PushAriAsync(request, cancellationToken);

        public Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default) =>
            Recording.FetchReservationsAsync(connection, request, cancellationToken);

        public WebhookVerificationResult VerifyWebhook(WebhookRequest request) => Recording.VerifyWebhook(request);

        public WebhookNotification ParseWebhook(WebhookRequest request) => Recording.ParseWebhook(request);

        public Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default) => Recording.TestConnectionAsync(connection, cancellationToken);

        public Task<PlatformCalendarRead> ReadCalendarAsync(ChannelConnection connection, DateRange range, CancellationToken cancellationToken = default)
        {
            var nights = range.EachNight()
                .Select(d => Recording.Calendar.TryGetValue((connection.PlatformListingId, d), out var day)
                    ? new PlatformCalendarNight
                    {
                        Date = d,
                        IsBookable = day.IsBookable,
                        AvailableUnits = Math.Max(0, day.AvailableUnits),
                        Rate = day.Rate,
                        MinStay = day.MinStay,
                        MaxStay = day.MaxStay,
                        ClosedToArrival = day.ClosedToArrival,
                        ClosedToDeparture = day.ClosedToDeparture,
                    }
                    : new PlatformCalendarNight { Date = d })
                .ToList();
            return Task.FromResult(new PlatformCalendarRead(nights, 1));
        }
    }
}
