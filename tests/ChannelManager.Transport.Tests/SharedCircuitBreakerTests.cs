using ChannelManager.Adapters;
using ChannelManager.Connections;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Engine.Resilience;
using ChannelManager.Engine.Transport.RedisStreams;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.CircuitBreaker;

namespace ChannelManager.Transport.Tests;

/// <summary>A circuit that opens in one worker process pauses calls to that platform in every process on the same Redis.</summary>
public sealed class SharedCircuitBreakerTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(4);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_opening_in_one_process_pauses_the_others_and_processes_started_during_the_break_then_calls_resume()
    {
        var stream = "cb-" + Guid.NewGuid().ToString("N");
        using var first = Worker(stream);
        using var second = Worker(stream);
        var a = Pipeline(first);
        var b = Pipeline(second);
        var bCalls = 0;

        // The second process works normally (and has subscribed by now).
        await Eventually.TrueAsync(() => Succeeds(b, () => bCalls++), "the second process calls the platform");
        var beforeOpening = bCalls;

        // The first process's calls fail until its breaker opens.
        await FailUntilOpenAsync(a);

        // The second process, which saw no failure itself, stops calling the platform too.
        await Eventually.TrueAsync(() => Refused(b, () => bCalls++), "the second process refuses calls while the first one's circuit is open", timeoutMs: 3_000);
        var refusedAt = bCalls;
        Assert.True(await Refused(b, () => bCalls++));
        Assert.Equal(refusedAt, bCalls);
        Assert.True(bCalls <= beforeOpening + 1, "no call reached the platform from the second process after it heard of the opening");

        // A process started during the break learns of it from Redis.
        using var third = Worker(stream);
        var c = Pipeline(third);
        var cCalls = 0;
        await Eventually.TrueAsync(() => Refused(c, () => cCalls++), "a process started during the break refuses calls", timeoutMs: 3_000);

        // When the break is over, calls go through again.
        await Eventually.TrueAsync(() => Succeeds(b, () => bCalls++), "calls resume after the break", timeoutMs: (int)BreakDuration.TotalMilliseconds * 3);
    }

    [Fact]
    public async Task A_process_on_another_stream_is_not_affected()
    {
        using var first = Worker("cb-" + Guid.NewGuid().ToString("N"));
        using var other = Worker("cb-" + Guid.NewGuid().ToString("N"));
        var a = Pipeline(first);
        var b = Pipeline(other);
        var calls = 0;
        Assert.True(await Succeeds(b, () => calls++));

        await FailUntilOpenAsync(a);
        await Task.Delay(500, Ct);
        Assert.True(await Succeeds(b, () => calls++));
        Assert.Equal(2, calls);
    }

    private static async Task FailUntilOpenAsync(ResiliencePipeline pipeline)
    {
        var failures = 0;
        while (await Succeeds(pipeline, () => throw new PlatformCallException(Platform.Expedia, "503 from the platform", isTransient: true), tolerateFailure: true))
        {
            Assert.True(++failures < 10, "the breaker opens after a few failed calls");
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => pipeline.ExecuteAsync(_ => ValueTask.FromResult(1), Ct).AsTask());
    }

    private static async Task<bool> Succeeds(ResiliencePipeline pipeline, Action onCall, bool tolerateFailure = false)
    {
        try
        {
            await pipeline.ExecuteAsync(_ => { onCall(); return ValueTask.CompletedTask; }, Ct);
            return true;
        }
        catch (BrokenCircuitException)
        {
            return false;
        }
        catch (PlatformCallException) when (tolerateFailure)
        {
            return true;
        }
    }

    private static async Task<bool> Refused(ResiliencePipeline pipeline, Action onCall) => !await Succeeds(pipeline, onCall);

    private static ResiliencePipeline Pipeline(ServiceProvider worker) =>
        worker.GetRequiredService<PlatformResiliencePipelineProvider>().GetPipeline(Platform.Expedia);

    private ServiceProvider Worker(string stream)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddChannelManager(o => o.DefaultResilience = new PlatformResilienceOptions
        {
            MaxRetryAttempts = 0,
            BreakerMinimumThroughput = 2,
            BreakerFailureRatio = 0.5,
            BreakerBreakDuration = BreakDuration,
        }).UseRedisStreams(o =>
        {
            o.ConnectionString = redis.ConnectionString;
            o.StreamName = stream;
        });
        var provider = services.BuildServiceProvider();
        Assert.IsType<RedisPlatformCircuitStateShare>(provider.GetRequiredService<IPlatformCircuitStateShare>());
        return provider;
    }
}
