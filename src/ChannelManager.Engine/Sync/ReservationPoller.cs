using ChannelManager.Connections;
using ChannelManager.Engine.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Sync;

/// <summary>
/// Pulls reservations on a schedule (<see cref="ChannelManagerOptions.ReservationPollIntervals"/>): when a platform's
/// interval has passed, it queues a reservation pull for every syncable connection of that platform — one per parent
/// listing where listing ids are <c>{parent}:{child}</c> — which the dispatcher runs exactly like a manual
/// <c>bookings</c> sync (resilience pipeline, import, acknowledgement, sync-log trigger <c>schedule:{platform}</c>).
/// The first round runs shortly after start-up.
/// </summary>
internal sealed class ReservationPoller(
    IChannelConnectionStore connections,
    AdapterRegistry adapters,
    DirtyRangeQueue queue,
    IOptions<ChannelManagerOptions> options,
    TimeProvider time,
    ILogger<ReservationPoller> logger) : BackgroundService
{
    private const int PageSize = 200;
    private static readonly TimeSpan MaxTick = TimeSpan.FromSeconds(15);

    private readonly Dictionary<Platform, DateTimeOffset> _lastRound = [];

    /// <summary>The sync-log trigger of a scheduled pull of <paramref name="platform"/>.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The trigger.</returns>
    public static string TriggerFor(Platform platform) => "schedule:" + platform.ToWireName();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var intervals = options.Value.ReservationPollIntervals
            .Where(kv => kv.Value > TimeSpan.Zero && kv.Key != Platform.ICal && adapters.TryGet(kv.Key, out _))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        if (intervals.Count == 0)
        {
            return;
        }

        var tick = intervals.Values.Min() < MaxTick ? intervals.Values.Min() : MaxTick;
        using var timer = new PeriodicTimer(tick, time);
        do
        {
            try
            {
                await RunDueRoundsAsync(intervals, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Queuing scheduled reservation pulls failed; retrying at the next tick");
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Queues the pulls of every platform whose interval has passed since its last round.</summary>
    internal async Task<int> RunDueRoundsAsync(IReadOnlyDictionary<Platform, TimeSpan> intervals, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = intervals.Where(kv => !_lastRound.TryGetValue(kv.Key, out var last) || now - last >= kv.Value).Select(kv => kv.Key).ToHashSet();
        if (due.Count == 0)
        {
            return 0;
        }

        foreach (var platform in due)
        {
            _lastRound[platform] = now;
        }

        var parentsSeen = new HashSet<(Platform, string Tenant, string Parent)>();
        var queued = 0;
        Guid? after = null;
        while (true)
        {
            var page = await connections.ListSyncableAsync(after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var c in page)
            {
                if (c.IsSyncable && due.Contains(c.Platform) && parentsSeen.Add((c.Platform, c.TenantId, ParentOf(c.PlatformListingId))))
                {
                    queue.RequestReservationPull(new ConnectionKey(c.TenantId, c.Id), TriggerFor(c.Platform));
                    queued++;
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Id;
        }

        logger.LogDebug("Queued {Count} scheduled reservation pulls for {Platforms}", queued, string.Join(", ", due.Select(p => p.ToWireName())));
        return queued;
    }

    /// <summary>The parent part of a <c>{parent}:{child}</c> listing id (the whole id otherwise).</summary>
    private static string ParentOf(string listingId)
    {
        var colon = listingId.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? listingId[..colon] : listingId;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
