using System.Threading.RateLimiting;
using ChannelManager.Connections;
using ChannelManager.Engine.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Sync;

/// <summary>
/// Each connection's budget of ARI pushes (<see cref="Resilience.PlatformResilienceOptions.AriPushBudget"/> per
/// <see cref="Resilience.PlatformResilienceOptions.AriPushBudgetWindow"/>): a sliding-window limiter per connection,
/// so no window of that length ever holds more pushes than the platform allows. Idle connections' limiters are
/// dropped by the partitioned limiter.
/// </summary>
internal sealed class ConnectionPushBudget : IDisposable
{
    private readonly PartitionedRateLimiter<(ConnectionKey Key, Platform Platform)> _limiter;

    public ConnectionPushBudget(IOptions<ChannelManagerOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<(ConnectionKey Key, Platform Platform), (ConnectionKey, Platform)>(k =>
        {
            var settings = o.ResilienceFor(k.Platform);
            return settings.AriPushBudget <= 0
                ? RateLimitPartition.GetNoLimiter(k)
                : RateLimitPartition.GetSlidingWindowLimiter(k, _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = settings.AriPushBudget,
                    Window = settings.AriPushBudgetWindow,
                    SegmentsPerWindow = Math.Clamp(settings.AriPushBudget, 1, 12),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
        });
    }

    /// <summary>Takes a permit for a budgeted push if one is left.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="retryAfter">When none is left: how long until one is.</param>
    /// <returns>Whether the push may go out now.</returns>
    public bool TryTake(ChannelConnection connection, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(Key(connection));
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : TimeSpan.FromSeconds(1);
        return false;
    }

    /// <summary>
    /// Uses permits if they are left and never refuses: for an urgent push (so that the budgeted pushes after it leave
    /// room for it), and for the extra calls of a push the platform's batch limits split.
    /// </summary>
    /// <param name="connection">The connection.</param>
    /// <param name="permits">How many.</param>
    public void TakeIfLeft(ChannelConnection connection, int permits = 1)
    {
        for (var i = 0; i < permits; i++)
        {
            using var lease = _limiter.AttemptAcquire(Key(connection));
            if (!lease.IsAcquired)
            {
                return;
            }
        }
    }

    private static (ConnectionKey, Platform) Key(ChannelConnection connection) => (new ConnectionKey(connection.TenantId, connection.Id), connection.Platform);

    public void Dispose() => _limiter.Dispose();
}
