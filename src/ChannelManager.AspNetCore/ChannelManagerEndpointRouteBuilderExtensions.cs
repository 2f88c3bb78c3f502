using ChannelManager.AspNetCore.Endpoints;
using ChannelManager.AspNetCore.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

#pragma warning disable IDE0130 // Extension methods live in the routing namespace, by convention.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Maps ChannelManager's HTTP surface.</summary>
public static class ChannelManagerEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the eight <c>/channel-connections</c> routes, the <c>/dead-letters</c> and <c>/conflicts</c> routes and the
    /// six <c>/webhooks</c> routes under <paramref name="prefix"/>. Returns the route group of the management API
    /// (connections, dead letters, conflicts) so the host can secure it (<c>.RequireAuthorization()</c>); webhook routes are a separate, anonymous
    /// group authenticated by each platform's own scheme.
    /// </summary>
    /// <param name="endpoints">The host's endpoint builder.</param>
    /// <param name="prefix">A path prefix, e.g. <c>/api</c>; empty by default.</param>
    /// <returns>The route group of the management API.</returns>
    public static RouteGroupBuilder MapChannelManager(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService(typeof(ITenantResolver)) is null)
        {
            throw new InvalidOperationException(
                "ChannelManager's HTTP services are not registered: call services.AddChannelManager(…).AddHttpEndpoints() before MapChannelManager().");
        }

        prefix = prefix.TrimEnd('/');
        var management = endpoints.MapGroup(prefix);
        ChannelConnectionEndpoints.Map(management.MapGroup("/channel-connections").WithTags("Channel connections"));
        DeadLetterEndpoints.Map(management.MapGroup("/dead-letters").WithTags("Dead letters"));
        ConflictEndpoints.Map(management.MapGroup("/conflicts").WithTags("Conflicts"));

        var webhooks = endpoints.MapGroup(prefix + "/webhooks").WithTags("Webhooks").AllowAnonymous();
        WebhookEndpoints.Map(webhooks);
        return management;
    }
}
