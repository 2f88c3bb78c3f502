using ChannelManager.Adapters.ICal.Export;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

#pragma warning disable IDE0130 // Extension methods live in the routing namespace, by convention.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Maps the iCal export feeds.</summary>
public static class ICalEndpointRouteBuilderExtensions
{
    /// <summary>The media type of a feed.</summary>
    public const string CalendarContentType = "text/calendar; charset=utf-8";

    /// <summary>
    /// Maps <c>GET {prefix}/{tenant}/{connection id}/{token}.ics</c>: the connection's blocked nights as an RFC 5545
    /// feed, rendered from the ledger on request, with <c>ETag</c> and <c>Last-Modified</c> (conditional requests get
    /// 304). The route is anonymous (platforms fetch it without credentials): the token, derived from
    /// <see cref="ChannelManager.Adapters.ICal.ICalOptions.FeedSigningKey"/>, is the authentication, compared in constant time; a wrong token,
    /// an unknown connection and a deleted one all get the same 404. Get a connection's URL from
    /// <see cref="ICalFeedService.GetFeedUrl"/>.
    /// </summary>
    /// <param name="endpoints">The host's endpoint builder.</param>
    /// <param name="prefix">The path prefix. Default <c>/ical</c>.</param>
    /// <returns>The route group, e.g. to add rate limiting.</returns>
    public static RouteGroupBuilder MapChannelManagerICalFeeds(this IEndpointRouteBuilder endpoints, string prefix = "/ical")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService(typeof(ICalFeedService)) is null)
        {
            throw new InvalidOperationException("The iCal adapter is not registered: call services.AddChannelManager(…).AddICal(…) before MapChannelManagerICalFeeds().");
        }

        var group = endpoints.MapGroup(prefix.TrimEnd('/')).WithTags("iCal feeds").AllowAnonymous();
        group.MapGet("/{tenantId}/{connectionId:guid}/{token}.ics", GetFeedAsync).WithName("ChannelManagerICalFeed")
            .WithSummary("An iCal connection's export feed")
            .WithDescription("The connection's blocked nights as an RFC 5545 calendar (text/calendar), rendered from the ledger on request, with ETag and "
                + "Last-Modified (If-None-Match / If-Modified-Since get 304). Anonymous to the host's authentication: the token in the URL, derived from "
                + "the feed signing key, is the authentication. A wrong token, an unknown connection and a deleted one all answer the same 404.")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetFeedAsync(
        string tenantId,
        Guid connectionId,
        string token,
        ICalFeedService feeds,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var feed = await feeds.TryGetFeedAsync(tenantId, connectionId, token, cancellationToken).ConfigureAwait(false);
        if (feed is null)
        {
            return TypedResults.Problem(
                detail: "No such calendar feed.",
                statusCode: StatusCodes.Status404NotFound,
                title: "Not found",
                type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");
        }

        // Importers should revalidate every time (cheap with the ETag); the URL is a secret, so no shared caches.
        context.Response.Headers.CacheControl = "private, no-cache";
        context.Response.Headers["X-Robots-Tag"] = "noindex";
        return TypedResults.Bytes(feed.Content, CalendarContentType, lastModified: feed.LastModified, entityTag: EntityTagHeaderValue.Parse(feed.ETag));
    }
}
