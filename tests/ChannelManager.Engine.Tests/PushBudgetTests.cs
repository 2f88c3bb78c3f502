using ChannelManager.Adapters;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Sync;
using ChannelManager.Events;
using ChannelManager.Inventory;
using ChannelManager.Sync;
using Microsoft.Extensions.Time.Testing;

namespace ChannelManager.Engine.Tests;

/// <summary>
/// Platforms limit pushes per listing: rates and restrictions wait inside the connection's push budget and go out
/// merged, while a booking's closure jumps the queue and goes out at once.
/// </summary>
public sealed class PushBudgetTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly ConnectionKey Key = new("t", Guid.Parse("00000000-0000-0000-0000-0000000000bb"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_deferred_budgeted_lane_lets_urgent_nights_through_and_collects_marks_until_it_is_due()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var queue = new DirtyRangeQueue(time);
        var d0 = new DateOnly(2030, 1, 1);
        queue.MarkDirty(Key, new DateRange(d0, d0.AddDays(10)), AriPushScope.Rates, EventTypes.PricingUpdated);
        Assert.True(queue.Ready.TryRead(out _));
        var first = queue.Take(Key)!;
        Assert.False(first.Urgent.HasRanges);

        // The dispatcher found the budget spent: it gives the rates back for 6 s.
        queue.Defer(Key, first.Budgeted, time.GetUtcNow().AddSeconds(6));
        queue.Complete(Key, first with { Budgeted = LaneWork.Empty }, succeeded: true, TimeSpan.Zero, time);
        Assert.False(queue.Ready.TryRead(out _), "deferred rates are not handed out before they are due");

        queue.MarkDirty(Key, new DateRange(d0.AddDays(10), d0.AddDays(12)), AriPushScope.Restrictions, EventTypes.AvailabilityUpdated);
        Assert.False(queue.Ready.TryRead(out _), "more budgeted marks merge into the deferred lane and wait with it");

        queue.MarkDirty(Key, new DateRange(d0.AddDays(3), d0.AddDays(5)), AriPushScope.Availability, EventTypes.BookingConfirmed);
        Assert.True(queue.Ready.TryRead(out _), "a booking's nights are handed out at once");
        var urgent = queue.Take(Key)!;
        Assert.Equal([new DateRange(d0.AddDays(3), d0.AddDays(5))], urgent.Ranges);
        Assert.Equal(AriPushScope.Availability, urgent.Scope);
        Assert.False(urgent.Budgeted.HasRanges);
        queue.Complete(Key, urgent, succeeded: true, TimeSpan.Zero, time);
        Assert.False(queue.Ready.TryRead(out _));
        Assert.Equal(1, queue.PendingConnections);

        time.Advance(TimeSpan.FromSeconds(6));
        Assert.True(SpinWait.SpinUntil(() => queue.Ready.TryPeek(out _), 2000), "the deferred lane is queued when it is due");
        Assert.True(queue.Ready.TryRead(out _));
        var due = queue.Take(Key)!;
        Assert.Equal([new DateRange(d0, d0.AddDays(12))], due.Ranges);
        Assert.Equal(AriPushScope.Rates | AriPushScope.Restrictions, due.Scope);
        queue.Complete(Key, due, succeeded: true, TimeSpan.Zero, time);
        Assert.Equal(0, queue.PendingConnections);
    }

    [Fact]
    public async Task With_the_budget_spent_prices_wait_and_go_out_merged_while_a_booking_closes_its_nights_at_once()
    {
        var (host, adapter, property) = await StartWithOneListingAsync(budget: 2, TimeSpan.FromSeconds(3), "L");
        await using var _ = host;
        var events = host.Get<EventService>();
        var night = Today.AddDays(20);

        await events.PublishAsync("t", property, new PricingUpdated { From = night, To = night.AddDays(1), Rate = 100m, Currency = "EUR" }, cancellationToken: Ct);
        await Eventually.TrueAsync(() => adapter.Calendar.TryGetValue(("L", night), out var d) && d.Rate == 100m, "the first price goes out (permit 2 of 2)");
        var pushesBefore = adapter.PushCalls;
        var burstStarted = DateTime.UtcNow;
        for (var i = 0; i < 50; i++)
        {
            await events.PublishAsync("t", property, new PricingUpdated { From = night.AddDays(i), To = night.AddDays(i + 1), Rate = 200m + i, Currency = "EUR" }, cancellationToken: Ct);
        }

        var checkIn = night.AddDays(100);
        await events.PublishAsync("t", property, new BookingConfirmed { BookingId = "B1", CheckIn = checkIn, CheckOut = checkIn.AddDays(2) }, cancellationToken: Ct);
        await Eventually.TrueAsync(() => adapter.IsClosed("L", checkIn) && adapter.IsClosed("L", checkIn.AddDays(1)), "the booking's nights are closed at once");
        Assert.True(DateTime.UtcNow - burstStarted < TimeSpan.FromSeconds(2), "the closure did not wait for the budget");
        var closure = adapter.Pushes.Skip(pushesBefore).Single();
        Assert.Equal(AriPushScope.Availability, closure.Scope);
        Assert.Equal(100m, adapter.Calendar[("L", night)].Rate);

        // Once the window frees a permit, the 50 price changes go out together, in one push.
        await Eventually.TrueAsync(() => Enumerable.Range(0, 50).All(i => adapter.Calendar.TryGetValue(("L", night.AddDays(i)), out var d) && d.Rate == 200m + i), "the prices went out", 10_000);
        Assert.Equal(pushesBefore + 2, adapter.PushCalls);
        Assert.True(adapter.Pushes.Last().Scope.HasFlag(AriPushScope.Rates));
    }

    [Fact]
    public async Task A_steady_stream_of_prices_is_paced_within_the_budget_and_the_last_price_still_arrives()
    {
        var (host, adapter, property) = await StartWithOneListingAsync(budget: 5, TimeSpan.FromSeconds(2), "P");
        await using var _ = host;
        var events = host.Get<EventService>();
        var night = Today.AddDays(30);
        var started = DateTime.UtcNow;
        var rate = 100m;
        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(2))
        {
            rate += 1m;
            await events.PublishAsync("t", property, new PricingUpdated { From = night, To = night.AddDays(1), Rate = rate, Currency = "EUR" }, cancellationToken: Ct);
            await Task.Delay(10, Ct);
        }

        await Eventually.TrueAsync(() => adapter.Calendar[("P", night)].Rate == rate, "the last price arrived", 10_000);

        // About 150 changes in two seconds: paced pushes (one per 0.4 s, at most 5 in any 2 s), never one per change.
        var changes = (int)(rate - 100m);
        Assert.True(changes > 50, $"only {changes} changes were published");
        Assert.InRange(adapter.PushCalls, 2, 9);
    }

    [Fact]
    public void After_a_failed_push_only_the_lanes_that_failed_wait_out_the_backoff()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var queue = new DirtyRangeQueue(time);
        var d0 = new DateOnly(2030, 1, 1);
        queue.MarkDirty(Key, new DateRange(d0, d0.AddDays(5)), AriPushScope.Rates, EventTypes.PricingUpdated);
        Assert.True(queue.Ready.TryRead(out _));
        var rates = queue.Take(Key)!;
        queue.Complete(Key, rates, succeeded: false, TimeSpan.FromSeconds(30), time);
        Assert.False(queue.Ready.TryRead(out _), "the refused rates wait out their backoff");

        queue.MarkDirty(Key, new DateRange(d0.AddDays(9), d0.AddDays(10)), AriPushScope.Availability, EventTypes.BookingConfirmed);
        Assert.True(queue.Ready.TryRead(out _), "a booking's closure does not wait behind the rates' backoff");
        var closure = queue.Take(Key)!;
        Assert.Equal([new DateRange(d0.AddDays(9), d0.AddDays(10))], closure.Ranges);
        Assert.False(closure.Budgeted.HasRanges);
        queue.Complete(Key, closure, succeeded: true, TimeSpan.Zero, time);

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(SpinWait.SpinUntil(() => queue.Ready.TryPeek(out _), 2000), "the rates are queued again after the backoff");
        Assert.True(queue.Ready.TryRead(out _));
        var retry = queue.Take(Key)!;
        Assert.Equal([new DateRange(d0, d0.AddDays(5))], retry.Ranges);
        Assert.Equal(2, retry.Attempt);
    }

    [Fact]
    public async Task A_push_the_platform_refuses_for_good_does_not_hold_back_a_bookings_closure()
    {
        // Two valid events leave the ledger with min stay 3 above max stay 1: the platform refuses every push that
        // carries those restrictions (as Airbnb does), so the closure goes out on its own.
        var platform = new RestrictionCheckingPlatform();
        await using var host = await EngineHost.StartAsync(o => o.DefaultResilience.AriPushBudget = 0, platform);
        var property = Guid.NewGuid();
        await host.Get<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "X", AccessToken = "x" }, Ct);
        await Eventually.TrueAsync(() => platform.Recording.PushCalls == 1, "the initial push");
        var events = host.Get<EventService>();
        var night = Today.AddDays(20);
        await events.PublishAsync("t", property, new AvailabilityUpdated { From = night, To = night.AddDays(3), MinStay = 3 }, version: 1, cancellationToken: Ct);
        await events.PublishAsync("t", property, new AvailabilityUpdated { From = night, To = night.AddDays(10), MaxStay = 1 }, version: 2, cancellationToken: Ct);
        await Eventually.TrueAsync(() => platform.Refusals > 0, "the platform refused the contradictory restrictions");

        var checkIn = night.AddDays(5);
        await events.PublishAsync("t", property, new BookingConfirmed { BookingId = "B", CheckIn = checkIn, CheckOut = checkIn.AddDays(2) }, cancellationToken: Ct);

        await Eventually.TrueAsync(() => platform.Recording.IsClosed("X", checkIn) && platform.Recording.IsClosed("X", checkIn.AddDays(1)), "the closure reached the platform");
        var logs = await host.Get<ISyncLogStore>().ListAsync("t", (await host.Get<ChannelConnectionService>().ListAsync(new ChannelConnectionQuery("t", property), Ct)).Items[0].Id, new PageRequest(100), Ct);
        Assert.Contains(logs.Items, e => e.Operation == SyncOperations.AriPush && e.Outcome == SyncOutcome.Failed && e.Error!.Contains("min stay", StringComparison.Ordinal));
    }

    /// <summary>A platform that refuses, for good, a push whose restrictions contradict each other.</summary>
    private sealed class RestrictionCheckingPlatform : IChannelAdapter
    {
        private int _refusals;

        public RecordingAdapter Recording { get; } = new();

        public int Refusals => Volatile.Read(ref _refusals);

        public Platform Platform => Platform.Airbnb;

        public Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default)
        {
            if (request.Scope.HasFlag(AriPushScope.Restrictions) && request.Days.Any(d => d.MinStay > d.MaxStay))
            {
                Interlocked.Increment(ref _refusals);
                throw new PlatformCallException(Platform, "min stay cannot exceed max stay", isTransient: false, statusCode: 400);
            }

            return Recording.PushAriAsync(request, cancellationToken);
        }

        public Task<IReadOnlyList<ChannelManager.Bookings.PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default) =>
            Recording.FetchReservationsAsync(connection, request, cancellationToken);

        public ChannelManager.Webhooks.WebhookVerificationResult VerifyWebhook(ChannelManager.Webhooks.WebhookRequest request) => Recording.VerifyWebhook(request);

        public ChannelManager.Webhooks.WebhookNotification ParseWebhook(ChannelManager.Webhooks.WebhookRequest request) => Recording.ParseWebhook(request);

        public Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default) => Recording.TestConnectionAsync(connection, cancellationToken);
    }

    /// <summary>A host whose listing has made its initial push (one permit of the budget spent).</summary>
    private static async Task<(EngineHost Host, RecordingAdapter Adapter, Guid Property)> StartWithOneListingAsync(int budget, TimeSpan window, string listing)
    {
        var adapter = new RecordingAdapter();
        var host = await EngineHost.StartAsync(
            o =>
            {
                o.DefaultResilience.AriPushBudget = budget;
                o.DefaultResilience.AriPushBudgetWindow = window;
            },
            adapter);
        var property = Guid.NewGuid();
        await host.Get<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = listing, AccessToken = "x" }, Ct);
        await Eventually.TrueAsync(() => adapter.PushCalls == 1, "the initial push (one permit of the budget)");
        return (host, adapter, property);
    }
}
