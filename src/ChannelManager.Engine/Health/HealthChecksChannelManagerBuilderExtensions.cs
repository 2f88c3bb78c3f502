using ChannelManager;
using ChannelManager.Connections;
using ChannelManager.Engine.Health;
using ChannelManager.Engine.Resilience;
using ChannelManager.Engine.Sync;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace, by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers ChannelManager's health checks.</summary>
public static class HealthChecksChannelManagerBuilderExtensions
{
    /// <summary>
    /// Registers health checks (Microsoft.Extensions.Diagnostics.HealthChecks) for the bus
    /// (<see cref="ChannelManagerHealthChecks.Bus"/>), the store (<see cref="ChannelManagerHealthChecks.Store"/>) and
    /// each enabled platform's circuit breaker (<see cref="ChannelManagerHealthChecks.CircuitPrefix"/> + wire name), all
    /// tagged <see cref="ChannelManagerHealthChecks.Tag"/>. An unreachable bus or store is unhealthy; an open or half-open
    /// circuit is degraded (the engine keeps the platform's nights dirty and pushes them when it recovers). Map them
    /// with ASP.NET Core's <c>MapHealthChecks</c>. Calling this twice registers them once.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddChannelManager</c>.</param>
    /// <returns>The builder.</returns>
    public static IChannelManagerBuilder AddHealthChecks(this IChannelManagerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddHealthChecks();
        if (services.Any(d => d.ServiceType == typeof(ChannelManagerHealthChecksMarker)))
        {
            return builder;
        }

        services.AddSingleton<ChannelManagerHealthChecksMarker>();
        string[] tags = [ChannelManagerHealthChecks.Tag];
        services.Configure<HealthCheckServiceOptions>(o =>
        {
            o.Registrations.Add(new HealthCheckRegistration(ChannelManagerHealthChecks.Bus, sp => ActivatorUtilities.CreateInstance<EventBusHealthCheck>(sp), HealthStatus.Unhealthy, tags));
            o.Registrations.Add(new HealthCheckRegistration(ChannelManagerHealthChecks.Store, sp => new StoreHealthCheck(sp), HealthStatus.Unhealthy, tags));
        });

        // One check per enabled platform: the platforms are known once the adapters are resolved.
        services.AddSingleton<IConfigureOptions<HealthCheckServiceOptions>>(sp => new ConfigureOptions<HealthCheckServiceOptions>(o =>
        {
            foreach (var platform in sp.GetRequiredService<AdapterRegistry>().EnabledPlatforms.OrderBy(p => p))
            {
                o.Registrations.Add(new HealthCheckRegistration(
                    ChannelManagerHealthChecks.CircuitPrefix + platform.ToWireName(),
                    s => new CircuitBreakerHealthCheck(platform, s.GetRequiredService<PlatformResiliencePipelineProvider>(), s.GetRequiredService<TimeProvider>()),
                    HealthStatus.Degraded,
                    tags));
            }
        }));
        return builder;
    }

    private sealed class ChannelManagerHealthChecksMarker;
}
