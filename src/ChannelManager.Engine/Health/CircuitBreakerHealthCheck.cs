using System.Globalization;
using ChannelManager.Connections;
using ChannelManager.Engine.Resilience;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChannelManager.Engine.Health;

/// <summary>One platform's circuit: healthy while closed, degraded while open (with the time left) or half-open.</summary>
internal sealed class CircuitBreakerHealthCheck(Platform platform, PlatformResiliencePipelineProvider resilience, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = resilience.CircuitStatusOf(platform);
        var name = platform.ToWireName();
        return Task.FromResult(status.State switch
        {
            PlatformCircuitState.Open => HealthCheckResult.Degraded(
                status.OpenUntil is { } until && until > time.GetUtcNow()
                    ? string.Create(CultureInfo.InvariantCulture, $"{name}: circuit open for another {Math.Ceiling((until - time.GetUtcNow()).TotalSeconds)} s; calls are paused")
                    : $"{name}: circuit open; calls are paused",
                data: status.OpenUntil is { } u ? new Dictionary<string, object> { ["open_until"] = u.ToString("O", CultureInfo.InvariantCulture) } : null),
            PlatformCircuitState.HalfOpen => HealthCheckResult.Degraded($"{name}: circuit half-open; trial calls decide"),
            _ => HealthCheckResult.Healthy($"{name}: circuit closed"),
        });
    }
}
