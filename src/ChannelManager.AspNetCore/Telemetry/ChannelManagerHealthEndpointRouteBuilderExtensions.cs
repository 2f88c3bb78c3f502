using ChannelManager.AspNetCore.Contracts;
using ChannelManager.Engine.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
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
    /// <returns>The endpoint, for conventions (e.g. <c>RequireHost</c>); described in the OpenAPI document.</returns>
    public static RouteHandlerBuilder MapChannelManagerHealthChecks(this IEndpointRouteBuilder endpoints, string pattern = "/health")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(pattern, CheckAsync)
            .WithName("ChannelManagerHealth")
            .WithTags("Operations")
            .WithSummary("Health of the bus, the store and each platform's circuit breaker")
            .WithDescription("Runs the checks tagged channel_manager: the event bus (Redis Streams: PING and the reader loop), the store "
                + "(PostgreSQL: a query) and one circuit breaker per enabled platform (open: degraded). Answers the overall status and each "
                + "check's status only — no descriptions or exception messages — so it can stay reachable without credentials for a load "
                + "balancer: 200 when healthy or degraded, 503 when unhealthy.")
            .Produces<HealthResponse>(StatusCodes.Status200OK)
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<JsonHttpResult<HealthResponse>> CheckAsync(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(ChannelManagerHealthChecks.Tag), cancellationToken).ConfigureAwait(false);
        var checks = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, entry) in report.Entries)
        {
            checks[name] = entry.Status.ToString();
        }

        return TypedResults.Json(
            new HealthResponse(report.Status.ToString(), checks),
            ChannelManagerJsonContext.Default.HealthResponse,
            statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}
