using System.Threading.RateLimiting;
using ChannelManager.Connections;

namespace ChannelManager.Engine.Resilience;

/// <summary>
/// Makes the rate limiter every call to one platform passes. The embedded default is a token bucket in this process;
/// <c>UseRedisStreams</c> replaces it with one whose bucket lives in Redis, so that several worker processes together
/// stay within one platform limit.
/// </summary>
public interface IPlatformRateLimiterFactory
{
    /// <summary>Creates the limiter of a platform (called once per platform and process).</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="options">Its settings: <see cref="PlatformResilienceOptions.PermitsPerSecond"/>,
    /// <see cref="PlatformResilienceOptions.BurstLimit"/>, <see cref="PlatformResilienceOptions.QueueLimit"/>.</param>
    /// <returns>The limiter; the caller disposes it.</returns>
    RateLimiter Create(Platform platform, PlatformResilienceOptions options);
}
