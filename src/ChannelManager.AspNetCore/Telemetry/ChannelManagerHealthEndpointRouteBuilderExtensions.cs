using System.Text.Json;
using ChannelManager.Engine.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

#pragma warning disable IDE0130 // Extension methods live in ASP.NET Core's namespace, by convention.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Maps ChannelManager's health checks.</summary>
public static class ChannelManagerHealthEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <paramref name="pattern"/> to the checks tagged <see cref="ChannelManagerHealthChecks.Tag"/> (register them with
    /// <c>AddChannelManager(…).AddHealthChecks()</c>): <c>{"status":"Healthy","checks":{"channel_manager_bus":"Healthy",…}}</c>,
    /// the overall status and each check's status, no descriptions or exception messages (the route is meant to be
    /// reachable without credentials by a load balancer). 200 for healthy or degraded, 503 for unhealthy.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route, <c>/health</c> by default.</param>
    /// <returns>The endpoint, for conventions (e.g. <c>RequireHost</c>).</returns>
    public static IEndpointConventionBuilder MapChannelManagerHealthChecks(this IEndpointRouteBuilder endpoints, string pattern = "/health")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapHealthChecks(pattern, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(ChannelManagerHealthChecks.Tag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteAsync,
        });
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status", report.Status.ToString());
            writer.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, entry.Status.ToString());
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }
}
