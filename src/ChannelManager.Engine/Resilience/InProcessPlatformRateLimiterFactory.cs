using System.Threading.RateLimiting;
using ChannelManager.Connections;

namespace ChannelManager.Engine.Resilience;

/// <summary>The embedded default: a token bucket per platform in this process (System.Threading.RateLimiting).</summary>
internal sealed class InProcessPlatformRateLimiterFactory : IPlatformRateLimiterFactory
{
    public RateLimiter Create(Platform platform, PlatformResilienceOptions options) => CreateTokenBucket(options);

    /// <summary>A token bucket refilled <see cref="PlatformResilienceOptions.PermitsPerSecond"/> per second, holding at most <see cref="PlatformResilienceOptions.BurstLimit"/>.</summary>
    internal static TokenBucketRateLimiter CreateTokenBucket(PlatformResilienceOptions o)
    {
        var period = o.PermitsPerSecond >= 1 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1 / o.PermitsPerSecond);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.BurstLimit,
            TokensPerPeriod = Math.Max(1, (int)Math.Round(o.PermitsPerSecond * period.TotalSeconds)),
            ReplenishmentPeriod = period,
            QueueLimit = o.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
