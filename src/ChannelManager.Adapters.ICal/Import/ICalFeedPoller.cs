using ChannelManager.Connections;
using ChannelManager.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.ICal.Import;

/// <summary>
/// Every <see cref="ICalOptions.PollInterval"/> (and once at start-up), queues a reservation pull for every syncable
/// iCal connection that has a feed URL. The engine's dispatcher runs the pull (adapter, resilience pipeline, booking
/// import, sync log with trigger <c>schedule:ical</c>), exactly as a manual <c>bookings</c> sync.
/// </summary>
internal sealed class ICalFeedPoller(IServiceProvider services, IOptions<ICalOptions> options, TimeProvider time, ILogger<ICalFeedPoller> logger) : BackgroundService
{
    /// <summary>The sync-log trigger of scheduled imports.</summary>
    public const string Trigger = "schedule:ical";

    private const int PageSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PollInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        var scheduler = services.GetService<IReservationPullScheduler>();
        var store = services.GetService<IChannelConnectionStore>();
        if (scheduler is null || store is null)
        {
            logger.LogWarning("iCal feeds are not polled: no ChannelManager engine is registered (AddChannelManager).");
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                var queued = await PollOnceAsync(store, scheduler, stoppingToken).ConfigureAwait(false);
                logger.LogDebug("Queued iCal imports for {Count} connections", queued);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Queuing iCal imports failed; retrying at the next interval");
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Queues one pull per syncable iCal connection with a feed URL.</summary>
    internal async Task<int> PollOnceAsync(IChannelConnectionStore store, IReservationPullScheduler scheduler, CancellationToken cancellationToken)
    {
        var key = options.Value.ImportUrlMetadataKey;
        var queued = 0;
        Guid? after = null;
        while (true)
        {
            var page = await store.ListSyncableAsync(after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var c in page)
            {
                if (c.Platform == Platform.ICal && c.IsSyncable && c.PlatformMetadata.TryGetValue(key, out var url) && !string.IsNullOrWhiteSpace(url))
                {
                    scheduler.RequestReservationPull(c.TenantId, c.Id, Trigger);
                    queued++;
                }
            }

            if (page.Count < PageSize)
            {
                return queued;
            }

            after = page[^1].Id;
        }
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
