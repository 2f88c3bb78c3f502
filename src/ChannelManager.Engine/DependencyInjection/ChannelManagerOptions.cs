using System.ComponentModel.DataAnnotations;
using ChannelManager.Connections;
using ChannelManager.Engine.Resilience;

namespace ChannelManager.Engine.DependencyInjection;

/// <summary>Settings of the ChannelManager engine. Validated at start-up.</summary>
public sealed class ChannelManagerOptions
{
    /// <summary>How many nights from today are kept in sync (pushed by a full sync).</summary>
    [Range(1, 1100)]
    public int SyncWindowDays { get; set; } = 500;

    /// <summary>How many events the in-process bus holds before publishers wait (back-pressure).</summary>
    [Range(1, 10_000_000)]
    public int EventBusCapacity { get; set; } = 100_000;

    /// <summary>How many events are handled at once.</summary>
    [Range(1, 256)]
    public int EventConsumerConcurrency { get; set; } = 4;

    /// <summary>Deliveries of one event before it is dead-lettered.</summary>
    [Range(1, 100)]
    public int MaxEventDeliveries { get; set; } = 5;

    /// <summary>Delay before a failed event is delivered again (doubles per delivery).</summary>
    public TimeSpan EventRedeliveryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How many connections are pushed to (or pulled from) at once, over all platforms. Each push holds one of these
    /// slots from the ledger read to the platform's answer — including any wait for the platform's rate-limit permit
    /// — and, on PostgreSQL, one pooled database connection for the per-connection push lock: keep it below the
    /// connection pool's maximum size (Npgsql's default is 100).
    /// </summary>
    [Range(1, 1024)]
    public int DispatchConcurrency { get; set; } = 32;

    /// <summary>
    /// How many of the <see cref="DispatchConcurrency"/> slots one platform's work may hold at once, so that a platform
    /// over its rate limit, slow or timing out cannot take the slots the other platforms' closures need. A value above
    /// <see cref="DispatchConcurrency"/> counts as <see cref="DispatchConcurrency"/> (one platform may use every slot).
    /// </summary>
    [Range(1, 1024)]
    public int DispatchConcurrencyPerPlatform { get; set; } = 12;

    /// <summary>First delay before a failed push is retried by the dispatcher (after the pipeline's own retries); doubles per failure.</summary>
    public TimeSpan DispatchRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between dispatcher retries of a failed push.</summary>
    public TimeSpan DispatchRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often every listing whose platform can read its calendar back is compared with the ledger; nights that
    /// differ (changed by hand in the platform's extranet, or lost by the platform) are pushed again and recorded in
    /// the sync log. <see cref="TimeSpan.Zero"/> turns reconciliation off.
    /// </summary>
    public TimeSpan ReconciliationInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How often the reservations of every syncable connection of a platform are pulled on a schedule, through the same
    /// import path as a webhook (<c>FetchReservationsAsync</c>, booking import, acknowledgement where the platform
    /// queues). It is how bookings arrive from pull platforms (Expedia Booking Retrieval, Booking.com's reservation
    /// queue) and the safety net for a missed webhook elsewhere. Connections whose listing ids share a parent
    /// (<c>{hotel}:{room}</c>) share one pull, because the platform serves the parent's queue whole. Defaults:
    /// Expedia 1 minute (bookings not retrieved in time fall back to e-mail), Booking.com 2 minutes, Airbnb 15 minutes;
    /// a platform without an entry (or with <see cref="TimeSpan.Zero"/>) is not polled. iCal feeds have their own
    /// poller (<c>ICalOptions.PollInterval</c>); Google delivers no bookings and Vrbo posts them.
    /// </summary>
    public Dictionary<Platform, TimeSpan> ReservationPollIntervals { get; } = new()
    {
        [Platform.Expedia] = TimeSpan.FromMinutes(1),
        [Platform.BookingCom] = TimeSpan.FromMinutes(2),
        [Platform.Airbnb] = TimeSpan.FromMinutes(15),
    };

    /// <summary>How often the webhook inbox is checked for due entries when nothing signals new work.</summary>
    public TimeSpan InboxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a webhook whose listing has no connection stays parked (as an unmapped reservation) before it is looked
    /// at again; creating a connection for the listing requeues it at once, so this only covers connections made
    /// without the engine noticing. Default 6 hours.
    /// </summary>
    public TimeSpan UnmappedReservationRecheckInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// The longest stay accepted from a platform, in nights (default 366). A webhook carrying a longer reservation is
    /// refused (422) and a pulled one is skipped and left unacknowledged; nothing is stored.
    /// </summary>
    public int MaxReservationNights { get; set; } = 366;

    /// <summary>
    /// How far ahead a platform reservation may start, in days from today (default 1,100, about three years).
    /// </summary>
    public int MaxReservationArrivalDaysAhead { get; set; } = 1100;

    /// <summary>
    /// How long ago a platform reservation may have ended, in days before today (default 366); older departures are
    /// refused as nonsense (a stale replay or a broken date).
    /// </summary>
    public int MaxReservationDepartureDaysPast { get; set; } = 366;

    /// <summary>Resilience settings used for every platform without its own entry in <see cref="PlatformResilience"/>.</summary>
    public PlatformResilienceOptions DefaultResilience { get; set; } = new();

    /// <summary>Per-platform resilience settings.</summary>
    public Dictionary<Platform, PlatformResilienceOptions> PlatformResilience { get; } = [];

    /// <summary>The resilience settings of a platform.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>Its own settings, or <see cref="DefaultResilience"/>.</returns>
    public PlatformResilienceOptions ResilienceFor(Platform platform) =>
        PlatformResilience.TryGetValue(platform, out var o) ? o : DefaultResilience;
}
