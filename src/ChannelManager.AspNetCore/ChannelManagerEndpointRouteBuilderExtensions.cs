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
    /// Maps the eight <c>/channel-connections</c> routes, the <c>/dead-letters</c>, <c>/conflicts</c> and
    /// <c>/unmapped-reservations</c> routes (all scoped to the caller's tenant) and the
    /// six <c>/webhooks</c> routes under <paramref name="prefix"/>. Returns the route group of the management API
    /// (connections, dead letters, conflicts, unmapped reservations) so the host can secure it (<c>.RequireAuthorization()</c>); webhook routes are a separate, anonymous
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
        UnmappedReservationEndpoints.MapTenantScoped(management.MapGroup("/unmapped-reservations").WithTags("Unmapped reservations"));

        var webhooks = endpoints.MapGroup(prefix + "/webhooks").WithTags("Webhooks").AllowAnonymous();
        WebhookEndpoints.Map(webhooks);
        return management;
    }

    /// <summary>
    /// Maps the operator routes that span all tenants under <paramref name="prefix"/> (default <c>/operations</c>):
    /// <c>GET /unmapped-reservations</c>, <c>GET /unmapped-reservations/{id}</c> and
    /// <c>POST /unmapped-reservations/{id}/dismiss</c> over every record, including bookings for listings nobody has
    /// connected, which no tenant can see. The returned group crosses tenants: the host must secure it separately, for
    /// its own operators only (<c>.RequireAuthorization("operators")</c>); it is not secured by securing
    /// <see cref="MapChannelManager"/>'s group.
    /// </summary>
    /// <param name="endpoints">The host's endpoint builder.</param>
    /// <param name="prefix">The path prefix of the operations group.</param>
    /// <returns>The route group of the operations API.</returns>
    public static RouteGroupBuilder MapChannelManagerOperations(this IEndpointRouteBuilder endpoints, string prefix = "/operations")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        if (endpoints.ServiceProvider.GetService(typeof(ITenantResolver)) is null)
        {
            throw new InvalidOperationException(
                "ChannelManager's HTTP services are not registered: call services.AddChannelManager(…).AddHttpEndpoints() before MapChannelManagerOperations().");
        }

        var operations = endpoints.MapGroup(prefix.TrimEnd('/'));
        UnmappedReservationEndpoints.MapAcrossTenants(operations.MapGroup("/unmapped-reservations").WithTags("Operations: unmapped reservations"));
        return operations;
    }
}
