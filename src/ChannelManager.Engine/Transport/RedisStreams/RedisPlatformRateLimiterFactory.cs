using System.Threading.RateLimiting;
using ChannelManager.Connections;
using ChannelManager.Engine.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Transport.RedisStreams;

/// <summary>
/// Rate limiters whose buckets live in Redis (<see cref="RedisTokenBucketRateLimiter"/>), one per platform under
/// <c>{StreamName}:rate-limit:{platform}</c>, shared by every process on the same stream.
/// </summary>
internal sealed class RedisPlatformRateLimiterFactory(RedisStreamsConnection connection, IOptions<RedisStreamsOptions> options, ILoggerFactory loggers) : IPlatformRateLimiterFactory
{
    public RateLimiter Create(Platform platform, PlatformResilienceOptions settings) =>
        new RedisTokenBucketRateLimiter(
            () => connection.Get().GetDatabase(),
            $"{options.Value.StreamName}:rate-limit:{platform.ToWireName()}",
            settings.BurstLimit,
            settings.PermitsPerSecond,
            settings.QueueLimit,
            InProcessPlatformRateLimiterFactory.CreateTokenBucket(settings),
            loggers.CreateLogger<RedisTokenBucketRateLimiter>());
}
