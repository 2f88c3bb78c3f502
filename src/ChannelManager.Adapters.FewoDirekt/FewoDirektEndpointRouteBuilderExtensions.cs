using ChannelManager.Adapters.FewoDirekt;
using ChannelManager.Adapters.FewoDirekt.Api;
using ChannelManager.Adapters.FewoDirekt.Feeds;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

#pragma warning disable IDE0130 // Extension methods live in the routing namespace, by convention.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Maps the feeds Vrbo / FeWo-direkt pulls.</summary>
public static class FewoDirektEndpointRouteBuilderExtensions
{
    /// <summary>The media type of every feed document.</summary>
    public const string XmlContentType = "application/xml; charset=utf-8";

    /// <summary>
    /// Maps the partner-hosted feeds Vrbo reads (platforms.md §4), rendered from the ledger on request:
    /// <c>GET {prefix}/advertisers</c> (the URL to give Vrbo); per advertiser
    /// <c>GET {prefix}/advertisers/{advertiser}/listings|lodging-configurations|lodging-rates|unit-availabilities</c>
    /// (indexes whose entries carry <c>lastUpdatedDate</c> and the content URL); and the content
    /// <c>GET {prefix}/advertisers/{advertiser}/listings/{listing}</c> and
    /// <c>…/listings/{listing}/units/{unit}/lodging-configuration|lodging-rate|availability</c>. Every answer has
    /// <c>ETag</c> and <c>Last-Modified</c> (conditional requests get 304). The routes are anonymous to the host's own
    /// authentication but require HTTP Basic with <see cref="FewoDirektOptions.FeedUsername"/> and
    /// <see cref="FewoDirektOptions.FeedPassword"/> (401 otherwise); unknown advertisers, listings and units get 404.
    /// </summary>
    /// <param name="endpoints">The host's endpoint builder.</param>
    /// <param name="prefix">The path prefix. Default <c>/fewo-direkt</c>.</param>
    /// <returns>The route group, e.g. to add rate limiting.</returns>
    public static RouteGroupBuilder MapChannelManagerFewoDirektFeeds(this IEndpointRouteBuilder endpoints, string prefix = "/fewo-direkt")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService(typeof(FewoDirektFeedService)) is null)
        {
            throw new InvalidOperationException("The FeWo-direkt adapter is not registered: call services.AddChannelManager(…).AddFewoDirekt(…) before MapChannelManagerFewoDirektFeeds().");
        }

        var mountedAt = "/" + prefix.Trim('/');
        var group = endpoints.MapGroup(mountedAt).WithTags("FeWo-direkt feeds").AllowAnonymous();
        group.AddEndpointFilter(async (context, next) =>
        {
            var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<FewoDirektOptions>>().Value;
            if (!FewoDirektBasicAuthentication.IsAuthorized(context.HttpContext.Request.Headers.Authorization.ToString(), options, out var reason))
            {
                context.HttpContext.Response.Headers.WWWAuthenticate = $"{FewoDirektWire.AuthenticationScheme} realm=\"{FewoDirektWire.Realm}\", charset=\"UTF-8\"";
                return TypedResults.Problem(detail: reason, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
            }

            return await next(context).ConfigureAwait(false);
        });

        group.MapGet(FewoDirektWire.AdvertisersPath, async (HttpContext http, FewoDirektFeedService feeds, IOptions<FewoDirektOptions> options, CancellationToken ct) =>
            Serve(http, await feeds.AdvertisersAsync(FeedBase(http, options.Value, mountedAt), ct).ConfigureAwait(false)))
            .WithName("ChannelManagerFewoDirektAdvertisers")
            .Documented("The advertisers feed (the URL to give Vrbo)", "The index of advertisers whose listings this host serves; each entry links its listing, lodging-configuration, lodging-rate and unit-availability indexes.", notFound: false);

        foreach (var kind in Enum.GetValues<FewoFeedKind>())
        {
            group.MapGet("/advertisers/{advertiserId}/" + FewoDirektWire.IndexSegment(kind), async (string advertiserId, HttpContext http, FewoDirektFeedService feeds, IOptions<FewoDirektOptions> options, CancellationToken ct) =>
                Serve(http, await feeds.IndexAsync(kind, advertiserId, FeedBase(http, options.Value, mountedAt), ct).ConfigureAwait(false)))
                .WithName("ChannelManagerFewoDirekt" + kind + "Index")
                .Documented($"An advertiser's {FewoDirektWire.IndexSegment(kind)} index", "The index of the advertiser's documents of this kind, each with its lastUpdatedDate and content URL.", notFound: true);
            if (kind != FewoFeedKind.Listing)
            {
                group.MapGet("/advertisers/{advertiserId}/listings/{listingId}/units/{unitId}/" + FewoDirektWire.UnitSegment(kind), async (string advertiserId, string listingId, string unitId, HttpContext http, FewoDirektFeedService feeds, CancellationToken ct) =>
                    Serve(http, await feeds.ContentAsync(kind, advertiserId, listingId, unitId, ct).ConfigureAwait(false)))
                    .WithName("ChannelManagerFewoDirekt" + kind + "Content")
                    .Documented($"A unit's {FewoDirektWire.UnitSegment(kind)} document", "The unit's current document of this kind, rendered from the ledger.", notFound: true);
            }
        }

        group.MapGet("/advertisers/{advertiserId}/listings/{listingId}", async (string advertiserId, string listingId, HttpContext http, FewoDirektFeedService feeds, CancellationToken ct) =>
            Serve(http, await feeds.ContentAsync(FewoFeedKind.Listing, advertiserId, listingId, null, ct).ConfigureAwait(false)))
            .WithName("ChannelManagerFewoDirektListingContent")
            .Documented("A listing's content document", "The listing document of one listing of the advertiser.", notFound: true);
        return group;
    }

    /// <summary>The OpenAPI description every feed route shares: XML with ETag, HTTP Basic (401), and 404 for unknown ids.</summary>
    private static RouteHandlerBuilder Documented(this RouteHandlerBuilder route, string summary, string description, bool notFound)
    {
        route.WithSummary(summary)
            .WithDescription(description + " XML (application/xml) with ETag and Last-Modified (conditional requests get 304). Anonymous to the host's "
                + "authentication but behind HTTP Basic with the feed credentials issued to Vrbo (401 with WWW-Authenticate: Basic otherwise).")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return notFound ? route.ProducesProblem(StatusCodes.Status404NotFound) : route;
    }

    private static IResult Serve(HttpContext http, FewoFeedDocument? document)
    {
        if (document is null)
        {
            return TypedResults.Problem(detail: "No such feed document.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        // Vrbo should revalidate every time (cheap with the ETag); the feeds are behind credentials, so no shared caches.
        http.Response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Bytes(document.Content, XmlContentType, lastModified: document.LastModified, entityTag: EntityTagHeaderValue.Parse(document.ETag));
    }

    private static Uri FeedBase(HttpContext http, FewoDirektOptions options, string mountedAt) =>
        options.PublicFeedBaseUrl ?? new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{mountedAt}");
}
