using ChannelManager.AspNetCore.Dashboard;
using ChannelManager.AspNetCore.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

#pragma warning disable IDE0130 // Extension methods live in the routing namespace, by convention.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Maps the operators' dashboard.</summary>
public static class ChannelManagerDashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the dashboard under <paramref name="prefix"/>: the page (<c>GET {prefix}</c>) and its script, style sheet and
    /// icon (<c>GET {prefix}/assets/{name}</c>), embedded in this package, and the live status of the caller's tenant as
    /// server-sent events (<c>GET {prefix}/events</c>). The page holds no data and no secret: it is served to anyone, asks
    /// for the API key, keeps it in the browser tab's session storage and sends it as <c>Authorization: Bearer</c> to the
    /// management API mapped by <c>MapChannelManager(apiPrefix)</c> and to the event stream. Returns the route group of
    /// the event stream so the host secures it exactly like the management API
    /// (<c>.RequireAuthorization(…)</c>); an unsecured group would show the default tenant's activity to anyone.
    /// </summary>
    /// <param name="endpoints">The host's endpoint builder.</param>
    /// <param name="prefix">Where the dashboard lives; <c>/dashboard</c> by default.</param>
    /// <param name="apiPrefix">The prefix the management API was mapped with (<c>MapChannelManager(prefix)</c>); empty by default.</param>
    /// <returns>The route group of the live-status stream.</returns>
    public static RouteGroupBuilder MapChannelManagerDashboard(this IEndpointRouteBuilder endpoints, string prefix = "/dashboard", string apiPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(apiPrefix);
        if (endpoints.ServiceProvider.GetService(typeof(ITenantResolver)) is null || endpoints.ServiceProvider.GetService(typeof(DashboardEventBroadcaster)) is null)
        {
            throw new InvalidOperationException(
                "ChannelManager's dashboard services are not registered: call services.AddChannelManager(…).AddHttpEndpoints().AddDashboard() before MapChannelManagerDashboard().");
        }

        prefix = "/" + prefix.Trim('/');
        if (prefix == "/")
        {
            throw new ArgumentException("The dashboard needs a prefix of its own, e.g. /dashboard.", nameof(prefix));
        }

        apiPrefix = apiPrefix.Trim('/') is { Length: > 0 } api ? "/" + api : string.Empty;
        var assets = new DashboardAssets(prefix, apiPrefix);

        // The page and its files: the same bytes for everyone, no data, no secret.
        var shell = endpoints.MapGroup(prefix).WithTags("Dashboard").AllowAnonymous().ExcludeFromDescription();
        shell.MapGet("/", () => assets.Page).WithName("DashboardPage");
        shell.MapGet("/assets/{name}", (string name) => assets.Find(name) is { } asset ? (IResult)asset : NotFound()).WithName("DashboardAsset");

        var secured = endpoints.MapGroup(prefix).WithTags("Dashboard");
        DashboardEventEndpoints.Map(secured);
        return secured;
    }

    private static IResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");
}
