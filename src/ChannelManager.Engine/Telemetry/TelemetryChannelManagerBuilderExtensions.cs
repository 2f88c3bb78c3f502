using ChannelManager;
using ChannelManager.Engine.Telemetry;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace, by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Configures ChannelManager's metrics.</summary>
public static class TelemetryChannelManagerBuilderExtensions
{
    /// <summary>
    /// Changes the telemetry settings (the instruments themselves are always registered by <c>AddChannelManager</c>;
    /// a host exports them with OpenTelemetry: <c>AddMeter(ChannelManagerMetrics.MeterName)</c> and
    /// <c>AddSource(ChannelManagerActivitySource.Name)</c>).
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddChannelManager</c>.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The builder.</returns>
    public static IChannelManagerBuilder ConfigureTelemetry(this IChannelManagerBuilder builder, Action<ChannelManagerTelemetryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<ChannelManagerTelemetryOptions>().Configure(configure);
        return builder;
    }
}
