using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using ChannelManager.Adapters;
using ChannelManager.Connections;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Engine.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace ChannelManager.Engine.Resilience;

/// <summary>
/// One resilience pipeline per platform, shared by every call to that platform in this process. From the outside in:
/// total timeout → retry (jittered exponential backoff, honouring <c>Retry-After</c>) → shared circuit gate (refuses
/// while another worker process reports the platform's circuit open) → circuit breaker → rate limiter (token bucket,
/// waiting callers queue) → attempt timeout. Retries sit outside the breaker and the limiter so that every attempt is
/// counted by the breaker and pays for a rate-limit permit. An opening of this process's breaker is reported to
/// <see cref="IPlatformCircuitStateShare"/>.
/// </summary>
public sealed class PlatformResiliencePipelineProvider : IDisposable
{
    private readonly ConcurrentDictionary<Platform, Lazy<(ResiliencePipeline Pipeline, RateLimiter Limiter)>> _pipelines = new();
    private readonly ConcurrentDictionary<Platform, CircuitBreakerStateProvider> _breakers = new();
    private readonly ConcurrentDictionary<Platform, DateTimeOffset> _openUntil = new();
    private readonly IOptions<ChannelManagerOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PlatformResiliencePipelineProvider> _logger;
    private readonly IPlatformRateLimiterFactory _limiters;
    private readonly IPlatformCircuitStateShare _circuits;
    private readonly ChannelManagerInstruments? _instruments;

    /// <summary>Creates the provider with a rate limiter per platform in this process.</summary>
    /// <param name="options">Engine options holding the per-platform settings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Logger.</param>
    public PlatformResiliencePipelineProvider(IOptions<ChannelManagerOptions> options, TimeProvider time, ILogger<PlatformResiliencePipelineProvider> logger)
        : this(options, time, logger, new InProcessPlatformRateLimiterFactory())
    {
    }

    /// <summary>Creates the provider.</summary>
    /// <param name="options">Engine options holding the per-platform settings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="limiters">Makes each platform's rate limiter (in this process, or shared through Redis).</param>
    public PlatformResiliencePipelineProvider(IOptions<ChannelManagerOptions> options, TimeProvider time, ILogger<PlatformResiliencePipelineProvider> logger, IPlatformRateLimiterFactory limiters)
        : this(options, time, logger, limiters, new LocalPlatformCircuitStateShare())
    {
    }

    /// <summary>Creates the provider.</summary>
    /// <param name="options">Engine options holding the per-platform settings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="limiters">Makes each platform's rate limiter (in this process, or shared through Redis).</param>
    /// <param name="circuits">Shares circuit openings with other worker processes (or with none).</param>
    public PlatformResiliencePipelineProvider(IOptions<ChannelManagerOptions> options, TimeProvider time, ILogger<PlatformResiliencePipelineProvider> logger, IPlatformRateLimiterFactory limiters, IPlatformCircuitStateShare circuits)
        : this(options, time, logger, limiters, circuits, null)
    {
    }

    /// <summary>Creates the provider, counting rate-limiter rejections in the engine's instruments.</summary>
    internal PlatformResiliencePipelineProvider(IOptions<ChannelManagerOptions> options, TimeProvider time, ILogger<PlatformResiliencePipelineProvider> logger, IPlatformRateLimiterFactory limiters, IPlatformCircuitStateShare circuits, ChannelManagerInstruments? instruments)
    {
        _instruments = instruments;
        _circuits = circuits;
        _options = options;
        _time = time;
        _logger = logger;
        _limiters = limiters;
    }

    /// <summary>The pipeline of a platform (built on first use).</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The pipeline.</returns>
    public ResiliencePipeline GetPipeline(Platform platform) =>
        _pipelines.GetOrAdd(platform, p => new Lazy<(ResiliencePipeline, RateLimiter)>(() => Build(p))).Value.Pipeline;

    /// <summary>
    /// The state of a platform's circuit as this process sees it: its own breaker's, or open while another process
    /// reported an opening (<see cref="IPlatformCircuitStateShare"/>). A platform not called yet is closed.
    /// </summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The state and, while open, when the break is expected to end.</returns>
    internal PlatformCircuitStatus CircuitStatusOf(Platform platform)
    {
        var now = _time.GetUtcNow();
        if (_circuits.GetOpenUntil(platform) is { } shared && shared > now)
        {
            return new PlatformCircuitStatus(PlatformCircuitState.Open, shared);
        }

        if (!_breakers.TryGetValue(platform, out var breaker))
        {
            return new PlatformCircuitStatus(PlatformCircuitState.Closed, null);
        }

        return breaker.CircuitState switch
        {
            CircuitState.Open or CircuitState.Isolated => new PlatformCircuitStatus(PlatformCircuitState.Open, _openUntil.TryGetValue(platform, out var until) ? until : null),
            CircuitState.HalfOpen => new PlatformCircuitStatus(PlatformCircuitState.HalfOpen, null),
            _ => new PlatformCircuitStatus(PlatformCircuitState.Closed, null),
        };
    }

    /// <summary>Whether an exception means the platform's circuit is open (the call was not attempted).</summary>
    /// <param name="exception">The exception.</param>
    /// <returns><see langword="true"/> for an open circuit.</returns>
    public static bool IsCircuitOpen(Exception exception) => exception is BrokenCircuitException;

    /// <summary>Disposes the rate limiters.</summary>
    public void Dispose()
    {
        foreach (var lazy in _pipelines.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Limiter.Dispose();
            }
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        PlatformCallException p => p.IsTransient,
        TimeoutRejectedException => true,
        RateLimiterRejectedException => true,
        HttpRequestException => true,
        _ => false,
    };

    private (ResiliencePipeline, RateLimiter) Build(Platform platform)
    {
        var o = _options.Value.ResilienceFor(platform).Clone();
        var limiter = _limiters.Create(platform, o);
        var breakerState = _breakers.GetOrAdd(platform, static _ => new CircuitBreakerStateProvider());

        var pipeline = new ResiliencePipelineBuilder { Name = $"channel-manager-{platform.ToWireName()}", TimeProvider = _time }
            .AddTimeout(o.TotalTimeout)
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, o.MaxRetryAttempts),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryBaseDelay,
                MaxDelay = o.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(o.MaxRetryAttempts > 0 && args.Outcome.Exception is { } ex && IsTransient(ex)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception switch
                {
                    PlatformCallException { RetryAfter: { } ra } => (TimeSpan?)ra,
                    RateLimiterRejectedException { RetryAfter: { } ra } => ra,
                    _ => null,
                }),
                OnRetry = args =>
                {
                    _logger.LogWarning("Retrying {Platform} call (attempt {Attempt}) in {Delay} after: {Error}", platform.ToWireName(), args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .AddStrategy(_ => new SharedCircuitGateStrategy(platform, _circuits, _time), new SharedCircuitGateOptions())
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = o.BreakerFailureRatio,
                MinimumThroughput = o.BreakerMinimumThroughput,
                SamplingDuration = o.BreakerSamplingDuration,
                BreakDuration = o.BreakerBreakDuration,
                StateProvider = breakerState,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && ex is not RateLimiterRejectedException && IsTransient(ex)),
                OnOpened = args =>
                {
                    _logger.LogError("Circuit for {Platform} opened for {Duration}", platform.ToWireName(), args.BreakDuration);
                    var until = _time.GetUtcNow() + args.BreakDuration;
                    _openUntil[platform] = until;
                    _circuits.ReportOpened(platform, until);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    _logger.LogInformation("Circuit for {Platform} closed", platform.ToWireName());
                    return ValueTask.CompletedTask;
                },
            })
            .AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = args => limiter.AcquireAsync(1, args.Context.CancellationToken),
                OnRejected = _ =>
                {
                    _instruments?.RecordRejection(platform, TelemetryLabels.PlatformRateLimit);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(o.AttemptTimeout)
            .Build();
        return (pipeline, limiter);
    }
}
