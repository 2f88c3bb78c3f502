using System.Text.Json;
using ChannelManager.AspNetCore.Http;
using ChannelManager.AspNetCore.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ChannelManager.AspNetCore.Dashboard;

/// <summary><c>GET {prefix}/events</c>: the caller's tenant's live status as server-sent events.</summary>
internal static class DashboardEventEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/events", Stream)
            .WithName("DashboardEvents")
            .WithTags("Dashboard")
            .WithSummary("The caller's tenant's live status as server-sent events")
            .WithDescription("A text/event-stream that stays open: `ready` first, then `sync_log`, `connection`, `connection_deleted`, `conflict`, "
                + "`dead_letter` and `dead_letter_replayed` events of the caller's tenant only (JSON data), `resync` when this reader fell behind "
                + "and events were dropped (reload the lists), and `: heartbeat` comments while idle. The dashboard page reads it; any client can.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    internal static Results<DashboardEventStream, ProblemHttpResult> Stream(
        HttpContext http, DashboardEventBroadcaster broadcaster, ITenantResolver tenants, IOptions<ChannelManagerDashboardOptions> options, TimeProvider time)
    {
        if (tenants.ResolveTenant(http) is not { } tenant)
        {
            return Problems.Forbidden("The caller is not associated with a tenant.");
        }

        // Subscribed before the response starts, so nothing that happens after this request was accepted is missed.
        if (broadcaster.TrySubscribe(tenant) is not { } subscription)
        {
            return TypedResults.Problem(
                detail: "Too many live-status streams are open; try again later.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Service unavailable",
                type: "https://tools.ietf.org/html/rfc9110#section-15.6.4");
        }

        var ready = new DashboardEvent(DashboardEventNames.Ready, JsonSerializer.Serialize(new DashboardReadyEvent(tenant, time.GetUtcNow()), DashboardJsonContext.Default.DashboardReadyEvent));
        return new DashboardEventStream(subscription, ready, options.Value.HeartbeatInterval);
    }
}
