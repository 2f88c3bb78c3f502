using ChannelManager;
using ChannelManager.AspNetCore.Dashboard;
using ChannelManager.Conflicts;
using ChannelManager.Sync;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace, by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the operators' dashboard.</summary>
public static class ChannelManagerDashboardBuilderExtensions
{
    /// <summary>
    /// Registers the dashboard's live status: an in-process broadcaster that the engine tells of every sync-log row,
    /// connection change, dead letter and overbooking conflict (as an <see cref="ISyncActivityObserver"/> and an
    /// <see cref="IConflictObserver"/>), and that hands each to the open streams of its tenant. Map the page with
    /// <c>app.MapChannelManagerDashboard()</c>. Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The ChannelManager builder (after <c>AddHttpEndpoints</c>).</param>
    /// <param name="configure">Changes the dashboard options.</param>
    /// <returns>The builder.</returns>
    public static IChannelManagerBuilder AddDashboard(this IChannelManagerBuilder builder, Action<ChannelManagerDashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<ChannelManagerDashboardOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChannelManagerDashboardOptions>, ChannelManagerDashboardOptionsValidator>());
        services.TryAddSingleton<DashboardEventBroadcaster>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISyncActivityObserver, DashboardEventBroadcaster>(sp => sp.GetRequiredService<DashboardEventBroadcaster>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConflictObserver, DashboardEventBroadcaster>(sp => sp.GetRequiredService<DashboardEventBroadcaster>()));
        return builder;
    }
}
