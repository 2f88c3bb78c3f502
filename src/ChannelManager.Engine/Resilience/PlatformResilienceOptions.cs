using System.ComponentModel.DataAnnotations;

namespace ChannelManager.Engine.Resilience;

/// <summary>Rate limit, circuit breaker, retry and timeout settings for one platform's calls.</summary>
public sealed class PlatformResilienceOptions
{
    /// <summary>Calls per second the platform allows (token bucket refill rate).</summary>
    [Range(0.01, 100_000)]
    public double PermitsPerSecond { get; set; } = 20;

    /// <summary>How many calls may go out at once after an idle period (bucket size).</summary>
    [Range(1, 100_000)]
    public int BurstLimit { get; set; } = 20;

    /// <summary>How many calls may wait for a permit before further calls are rejected.</summary>
    [Range(0, 1_000_000)]
    public int QueueLimit { get; set; } = 10_000;

    /// <summary>
    /// ARI pushes one connection (one listing) may make per <see cref="AriPushBudgetWindow"/> for rates,
    /// restrictions, the PMS's availability changes and full syncs; changes that arrive while the budget is spent wait
    /// and go out merged into one push. A push that closes or reopens nights for a booking is never held back by it
    /// (it uses a permit when one is left). Platforms commonly allow about 10 rate and 10 availability calls per
    /// minute per property. 0 turns the budget off.
    /// </summary>
    [Range(0, 1_000_000)]
    public int AriPushBudget { get; set; } = 10;

    /// <summary>The sliding window over which <see cref="AriPushBudget"/> counts.</summary>
    public TimeSpan AriPushBudgetWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Retries after the first attempt for transient failures.</summary>
    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First retry delay; doubles per attempt with jitter, unless the platform sent <c>Retry-After</c>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between retries (a longer <c>Retry-After</c> is still honoured).</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Share of failed calls within <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed within the sampling window before the breaker judges.</summary>
    [Range(2, 100_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The window over which failures are counted.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before a trial call.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of the whole call, retries included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>A copy of these settings.</summary>
    /// <returns>The copy.</returns>
    public PlatformResilienceOptions Clone() => (PlatformResilienceOptions)MemberwiseClone();
}
