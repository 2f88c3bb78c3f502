namespace ChannelManager.Engine.Telemetry;

/// <summary>Settings of ChannelManager's metrics. Validated at start-up.</summary>
public sealed class ChannelManagerTelemetryOptions
{
    /// <summary>
    /// How often the gauges that need a store query (<c>channel_manager_connections_active</c>: a paged walk over the
    /// syncable connections of every tenant; <c>channel_manager_dead_letters</c>) are refreshed in the background; a
    /// scrape reads the last values and never queries a store. Default 15 seconds, at least 0.1 s.
    /// </summary>
    public TimeSpan GaugeRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);
}
