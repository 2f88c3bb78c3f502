using System.Collections.Concurrent;
using ChannelManager.Adapters;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Sync;
using ChannelManager.Events;
using ChannelManager.Testing;

namespace ChannelManager.Engine.Tests;

/// <summary>
/// The dispatcher's admission: a platform that holds its pushes back (over its rate limit, slow, hanging) fills only
/// its own share of the dispatch slots, so the other platforms' closures still go out at once.
/// </summary>
public sealed class DispatchSlotsTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_platform_whose_share_is_full_waits_in_line_and_its_next_work_takes_over_the_slot()
    {
        var platforms = new Dictionary<Guid, Platform>();
        using var slots = new DispatchSlots(3, 2, (key, _) => ValueTask.FromResult<Platform?>(platforms.TryGetValue(key.ConnectionId, out var p) ? p : null));
        ConnectionKey Key(Platform p)
        {
            var id = Guid.NewGuid();
            platforms[id] = p;
            return new ConnectionKey("t", id);
        }

        var google1 = await slots.AdmitAsync(Key(Platform.Google), TestContext.Current.CancellationToken);
        var google2 = await slots.AdmitAsync(Key(Platform.Google), TestContext.Current.CancellationToken);
        var google3Key = Key(Platform.Google);
        Assert.NotNull(google1);
        Assert.NotNull(google2);
        Assert.Null(await slots.AdmitAsync(google3Key, TestContext.Current.CancellationToken));
        Assert.Equal(1, slots.Waiting);

        // The third slot is still free for another platform.
        var airbnb = await slots.AdmitAsync(Key(Platform.Airbnb), TestContext.Current.CancellationToken);
        Assert.NotNull(airbnb);

        // Now every slot is taken: a fourth admission waits for one.
        var expedia = slots.AdmitAsync(Key(Platform.Expedia), TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(expedia.IsCompleted);

        // Google's finished work hands its slot to Google's waiting work, not to Expedia.
        var next = slots.Release(google1.Value);
        Assert.Equal(google3Key, next?.Key);
        Assert.Equal(0, slots.Waiting);
        Assert.False(expedia.IsCompleted);

        // Airbnb's finished work frees its slot, which Expedia gets.
        Assert.Null(slots.Release(airbnb.Value));
        Assert.NotNull(await expedia.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_connection_whose_platform_cannot_be_looked_up_counts_against_the_total_only()
    {
        using var slots = new DispatchSlots(2, 1, (_, _) => throw new InvalidOperationException("store down"));
        var a = await slots.AdmitAsync(new ConnectionKey("t", Guid.NewGuid()), TestContext.Current.CancellationToken);
        var b = await slots.AdmitAsync(new ConnectionKey("t", Guid.NewGuid()), TestContext.Current.CancellationToken);
        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.Null(a.Value.Platform);
        Assert.Null(slots.Release(a.Value));

        // Once the work found the platform, the next admission counts against that platform's share.
        var c = new ConnectionKey("t", Guid.NewGuid());
        slots.Remember(c, Platform.Google);
        var admitted = await slots.AdmitAsync(c, TestContext.Current.CancellationToken);
        Assert.Equal(Platform.Google, admitted?.Platform);
        var d = new ConnectionKey("t", Guid.NewGuid());
        slots.Remember(d, Platform.Google);
        Assert.Null(await slots.AdmitAsync(d, TestContext.Current.CancellationToken)); // Google's one slot is c's
        Assert.Equal(d, slots.Release(admitted!.Value)?.Key);
    }

    [Fact]
    public async Task A_hanging_platform_holds_only_its_share_and_a_booking_still_closes_the_other_platforms_at_once()
    {
        var hanging = new HangingAdapter(Platform.Google);
        var airbnb = new RecordingAdapter(Platform.Airbnb);
        await using var host = await EngineHost.StartAsync(
            o =>
            {
                o.DispatchConcurrency = 8;
                o.DispatchConcurrencyPerPlatform = 4;
                o.DefaultResilience.AttemptTimeout = TimeSpan.FromMinutes(2);
                o.DefaultResilience.TotalTimeout = TimeSpan.FromMinutes(5);
            },
            hanging,
            airbnb);
        var service = host.Get<ChannelConnectionService>();
        var ct = TestContext.Current.CancellationToken;

        // Twelve Google listings whose pushes hang: more than every slot of the dispatcher.
        for (var i = 0; i < 12; i++)
        {
            await service.CreateAsync("t", new NewChannelConnection { PropertyId = Guid.NewGuid(), PlatformType = "google", PlatformListingId = "G" + i, AccessToken = "x" }, ct);
        }

        await Eventually.TrueAsync(() => hanging.InFlight == 4, "Google's share of the slots is taken by hanging pushes");

        var property = Guid.NewGuid();
        await service.CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "A", AccessToken = "x" }, ct);
        await Eventually.TrueAsync(() => airbnb.IsOpen("A", Today.AddDays(20)), "the Airbnb listing got its initial push while Google hangs");
        var night = Today.AddDays(20);
        await host.Get<EventService>().PublishAsync("t", property, new BookingConfirmed { BookingId = "b1", CheckIn = night, CheckOut = night.AddDays(2) }, cancellationToken: ct);
        await Eventually.TrueAsync(() => airbnb.IsClosed("A", night) && airbnb.IsClosed("A", night.AddDays(1)), "the booking closed Airbnb while Google hangs");
        Assert.Equal(4, hanging.InFlight);
        Assert.Equal(4, hanging.MaxInFlight);

        // Nothing waiting in Google's line is lost: once Google answers, every listing gets its push.
        hanging.Answer();
        await Eventually.TrueAsync(() => hanging.Pushed.Count == 12, "every Google listing was pushed once the platform answered");
        Assert.True(hanging.MaxInFlight <= 4, $"at most Google's share ran at once, saw {hanging.MaxInFlight}");
    }

    /// <summary>A platform whose pushes hang until <see cref="Answer"/>; counts how many are in flight at once.</summary>
    private sealed class HangingAdapter(Platform platform) : IChannelAdapter
    {
        private readonly TaskCompletionSource _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _maxInFlight;

        public Platform Platform { get; } = platform;

        public ConcurrentDictionary<string, int> Pushed { get; } = new();

        public int InFlight => Volatile.Read(ref _inFlight);

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public void Answer() => _answer.TrySetResult();

        public async Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref _inFlight);
            for (var seen = Volatile.Read(ref _maxInFlight); now > seen && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen; seen = Volatile.Read(ref _maxInFlight))
            {
            }

            try
            {
                await _answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                Pushed.AddOrUpdate(request.Connection.PlatformListingId, 1, (_, n) => n + 1);
                return new AriPushResult(1);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        public Task<IReadOnlyList<ChannelManager.Bookings.PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ChannelManager.Bookings.PlatformReservation>>([]);

        public Webhooks.WebhookVerificationResult VerifyWebhook(Webhooks.WebhookRequest request) => Webhooks.WebhookVerificationResult.Rejected("no webhooks");

        public Webhooks.WebhookNotification ParseWebhook(Webhooks.WebhookRequest request) => throw new Webhooks.WebhookFormatException("no webhooks");

        public Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ConnectionTestResult(true, "tested"));
    }
}
