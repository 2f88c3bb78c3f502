using ChannelManager.Engine.DependencyInjection;

namespace ChannelManager.AspNetCore.Tests.Convergence;

/// <summary>
/// The real host and the platform simulator (as <see cref="ChannelManagerApp"/>), tuned so that a random history
/// converges in milliseconds rather than minutes: no ARI push budget (the default 10 paced pushes per listing per
/// minute would make every case wait seconds), no client-side rate limit, short retry and redelivery delays, a
/// 60-night sync window, and a circuit breaker that opens for only half a second (faults are injected on purpose).
/// </summary>
public sealed class AirbnbConvergenceApp : ChannelManagerApp
{
    protected override void ConfigureEngine(ChannelManagerOptions options)
    {
        options.SyncWindowDays = 60;
        options.DispatchRetryBaseDelay = TimeSpan.FromMilliseconds(20);
        options.DispatchRetryMaxDelay = TimeSpan.FromMilliseconds(200);
        options.EventRedeliveryDelay = TimeSpan.FromMilliseconds(20);
        var resilience = options.DefaultResilience;
        resilience.AriPushBudget = 0;
        resilience.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
        resilience.RetryMaxDelay = TimeSpan.FromMilliseconds(50);
        resilience.PermitsPerSecond = 10_000;
        resilience.BurstLimit = 10_000;
        resilience.BreakerBreakDuration = TimeSpan.FromMilliseconds(500);
    }
}
