using System.Diagnostics;
using System.Threading.RateLimiting;
using ChannelManager.Connections;
using ChannelManager.Engine.Resilience;
using ChannelManager.Engine.Transport.RedisStreams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace ChannelManager.Transport.Tests;

/// <summary>Worker processes on one Redis draw from one rate-limit bucket per platform.</summary>
public sealed class SharedRateLimitTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PlatformResilienceOptions Limit => new() { PermitsPerSecond = 10, BurstLimit = 5, QueueLimit = 1000 };

    [Fact]
    public async Task Two_processes_hammering_one_platform_together_stay_within_one_limit()
    {
        // Two "processes": each its own multiplexer and its own limiter, on the same bucket.
        await using var first = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        await using var second = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var key = "rl-" + Guid.NewGuid().ToString("N");
        using var a = Limiter(first, key);
        using var b = Limiter(second, key);

        var window = TimeSpan.FromSeconds(1.5);
        var sw = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Hammer(a), Hammer(b), Hammer(a), Hammer(b));
        var total = counts.Sum();

        // One bucket: 5 at once plus 10 a second. Two buckets would have let about twice as many through.
        var ceiling = 5 + (int)Math.Ceiling(10 * sw.Elapsed.TotalSeconds) + 1;
        // At least the burst and one refill, even when a loaded machine starves the hammering loops.
        Assert.InRange(total, 6, ceiling);
        Assert.True(counts[0] + counts[2] > 0 && counts[1] + counts[3] > 0, "both processes got permits");

        async Task<int> Hammer(RateLimiter limiter)
        {
            var n = 0;
            while (sw.Elapsed < window)
            {
                using var lease = limiter.AttemptAcquire();
                if (lease.IsAcquired)
                {
                    n++;
                }
                else
                {
                    await Task.Delay(5, Ct);
                }
            }

            return n;
        }
    }

    [Fact]
    public async Task A_waiting_caller_gets_its_permit_when_the_shared_bucket_refills()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        using var limiter = Limiter(connection, "rl-" + Guid.NewGuid().ToString("N"));

        // Timed from before the burst: the next token exists 100 ms (at 10/s) after the bucket ran dry, however slowly
        // this machine gets from the refusal to the wait.
        var sinceDry = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(limiter.AttemptAcquire().IsAcquired, "the burst");
        }

        using var refused = limiter.AttemptAcquire();
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero && retryAfter <= TimeSpan.FromMilliseconds(150));

        using var waited = await limiter.AcquireAsync(cancellationToken: Ct);
        Assert.True(waited.IsAcquired);
        Assert.InRange(sinceDry.ElapsedMilliseconds, 80, 5000);
    }

    [Fact]
    public async Task Without_Redis_the_limit_still_holds_in_this_process()
    {
        await using var unreachable = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200,syncTimeout=200,asyncTimeout=200");
        var slow = new PlatformResilienceOptions { PermitsPerSecond = 0.05, BurstLimit = 3, QueueLimit = 0 };
        using var limiter = new RedisTokenBucketRateLimiter(() => unreachable.GetDatabase(), "rl-down", slow.BurstLimit, slow.PermitsPerSecond, slow.QueueLimit, InProcessPlatformRateLimiterFactory.CreateTokenBucket(slow), NullLogger.Instance);
        var acquired = 0;
        for (var i = 0; i < 8; i++)
        {
            using var lease = limiter.AttemptAcquire();
            acquired += lease.IsAcquired ? 1 : 0;
        }

        Assert.Equal(3, acquired);
    }

    [Fact]
    public void UseRedisStreams_shares_the_platform_rate_limits_through_Redis()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddChannelManager().UseRedisStreams(o => o.ConnectionString = redis.ConnectionString);
        using var provider = services.BuildServiceProvider();
        Assert.IsType<RedisPlatformRateLimiterFactory>(provider.GetRequiredService<IPlatformRateLimiterFactory>());
        using var limiter = provider.GetRequiredService<IPlatformRateLimiterFactory>().Create(Platform.Airbnb, Limit);
        Assert.IsType<RedisTokenBucketRateLimiter>(limiter);
    }

    private static RedisTokenBucketRateLimiter Limiter(IConnectionMultiplexer connection, string key) =>
        new(() => connection.GetDatabase(), key, Limit.BurstLimit, Limit.PermitsPerSecond, Limit.QueueLimit, InProcessPlatformRateLimiterFactory.CreateTokenBucket(Limit), NullLogger.Instance);
}
