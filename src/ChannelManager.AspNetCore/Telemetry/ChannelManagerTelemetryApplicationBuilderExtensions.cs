using System.Diagnostics.Metrics;
using ChannelManager.AspNetCore.Telemetry;
using Microsoft.Extensions.DependencyInjection;

#pragma warning disable IDE0130 // Extension methods live in ASP.NET Core's namespace, by convention.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Adds ChannelManager's HTTP metrics to the request pipeline.</summary>
public static class ChannelManagerTelemetryApplicationBuilderExtensions
{
    /// <summary>
    /// Counts every request the host answers in <c>http_requests_total{method, endpoint, status}</c> (meter
    /// <c>ChannelManager</c>): the endpoint is the route pattern, never the raw path. Call it early (before
    /// authentication), so that refused requests count too. ASP.NET Core's own <c>http.server.request.duration</c>
    /// (meter <c>Microsoft.AspNetCore.Hosting</c>) gives the latencies; this counter gives the reference's names.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static IApplicationBuilder UseChannelManagerHttpMetrics(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var counter = new HttpRequestsCounter(app.ApplicationServices.GetService<IMeterFactory>());
        return app.Use(counter.InvokeAsync);
    }
}
