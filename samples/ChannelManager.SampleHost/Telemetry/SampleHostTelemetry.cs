using ChannelManager.Engine.Telemetry;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChannelManager.SampleHost.Telemetry;

/// <summary>
/// The sample host's operators' surface: OpenTelemetry with ChannelManager's meter and ASP.NET Core's, a Prometheus
/// scrape endpoint at <c>/metrics</c> (on unless <c>PROMETHEUS_ENABLED=false</c>), traces of ChannelManager's activity
/// source (with ASP.NET Core's and HttpClient's) exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and
/// the health checks at <c>/health</c>. <c>/metrics</c> and <c>/health</c> are anonymous, as Prometheus and load
/// balancers expect: their series and statuses carry no tenant, connection or listing ids and no secrets. Expose them on
/// an internal network (or behind the proxy's own rule) in production.
/// </summary>
internal static class SampleHostTelemetry
{
    /// <summary>The path Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The name OpenTelemetry's metrics listener has in <c>Microsoft.Extensions.Diagnostics.Metrics</c>.</summary>
    private const string OpenTelemetryListenerName = "OpenTelemetry";

    /// <summary>The health path.</summary>
    public const string HealthPath = "/health";

    /// <summary>Registers metrics, traces and health checks.</summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="channelManager">The ChannelManager builder.</param>
    public static void AddSampleTelemetry(this WebApplicationBuilder builder, IChannelManagerBuilder channelManager)
    {
        channelManager
            .AddHealthChecks()
            .ConfigureTelemetry(o => builder.Configuration.GetSection("ChannelManager:Telemetry").Bind(o));
        var prometheus = PrometheusEnabled(builder.Configuration);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        // The meters of this host's container only (MeterScope.Local): meters of the same name made by another container
        // in the process (another host, as in tests) would otherwise be taken for the same instruments.
        foreach (var meter in (string[])[ChannelManagerMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"])
        {
            builder.Metrics.EnableMetrics(meter, instrumentName: null, listenerName: OpenTelemetryListenerName, scopes: MeterScope.Local);
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "channel-manager"))
            .WithMetrics(m =>
            {
                if (prometheus)
                {
                    m.AddPrometheusExporter();
                }

                if (otlp)
                {
                    m.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            // Spans cost something per event: recorded only when there is somewhere to send them.
            telemetry.WithTracing(t => t
                .AddSource(ChannelManagerActivitySource.Name, "Microsoft.AspNetCore", "System.Net.Http")
                .AddOtlpExporter());
        }
    }

    /// <summary>Maps <c>/health</c> and, unless turned off, <c>/metrics</c>; and counts every request in <c>http_requests_total</c>.</summary>
    /// <param name="app">The application.</param>
    public static void MapSampleTelemetry(this WebApplication app)
    {
        app.MapChannelManagerHealthChecks(HealthPath);
        if (PrometheusEnabled(app.Configuration))
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath);
        }
    }

    internal static bool PrometheusEnabled(IConfiguration configuration) => configuration.GetValue("PROMETHEUS_ENABLED", true);
}
