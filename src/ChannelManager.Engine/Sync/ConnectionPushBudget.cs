using System.Threading.RateLimiting;
using ChannelManager.Connections;
using ChannelManager.Engine.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Sync;

/// <summary>
/// Each connection's budget of ARI pushes (<see cref="Resilience.PlatformResilienceOptions.AriPushBudget"/> per
/// <see cref="Resilience.PlatformResilienceOptions.AriPushBudgetWindow"/>), two limiters in a chain:
/// <list type="bullet">
/// <item>pacing, a token bucket holding one permit that refills every window ÷ budget: after a quiet spell the first
/// push goes at once, and in a burst the next one goes a fraction of the window later with everything that arrived
/// meanwhile merged in, so a price is at most that fraction late instead of waiting out a whole window behind a
/// budget spent in the first second;</item>
/// <item>the hard cap, a sliding window of the budget, so no window of that length ever holds more pushes than the
/// platform allows.</item>
/// </list>
/// Idle connections' limiters are dropped by the partitioned limiters.
/// </summary>
internal sealed class ConnectionPushBudget : IDisposable
{
    private readonly PartitionedRateLimiter<(ConnectionKey Key, Platform Platform)> _pacing;
    private readonly PartitionedRateLimiter<(ConnectionKey Key, Platform Platform)> _cap;
    private readonly PartitionedRateLimiter<(ConnectionKey Key, Platform Platform)> _limiter;

    public ConnectionPushBudget(IOptions<ChannelManagerOptions> options)
    {
        var o = options.Value;
        _pacing = PartitionedRateLimiter.Create<(ConnectionKey Key, Platform Platform), (ConnectionKey, Platform)>(k =>
        {
            var settings = o.ResilienceFor(k.Platform);
            return settings.AriPushBudget <= 0
                ? RateLimitPartition.GetNoLimiter(k)
                : RateLimitPartition.GetTokenBucketLimiter(k, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = 1,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = settings.AriPushBudgetWindow / settings.AriPushBudget,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
        });
        _cap = PartitionedRateLimiter.Create<(ConnectionKey Key, Platform Platform), (ConnectionKey, Platform)>(k =>
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

        // Pacing first: a push it refuses costs no permit of the cap.
        _limiter = PartitionedRateLimiter.CreateChained(_pacing, _cap);
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

    public void Dispose()
    {
        _limiter.Dispose();
        _pacing.Dispose();
        _cap.Dispose();
    }
}
