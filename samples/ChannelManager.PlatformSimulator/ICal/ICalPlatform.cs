using ChannelManager.Connections;
using ChannelManager.Simulator.Hosting;
using Microsoft.Net.Http.Headers;

namespace ChannelManager.Simulator.ICal;

/// <summary>
/// iCal export feeds of simulated listings, mounted under <c>/ical</c>: <c>GET /ical/{listing}.ics</c> (an iCal-only
/// listing) and <c>GET /ical/{platform}/{listing}.ics</c> (any platform's listing, e.g. <c>/ical/airbnb/123.ics</c>).
/// Faults injected for <see cref="Platform.ICal"/> apply to both.
/// </summary>
internal sealed class ICalPlatform : ISimulatedPlatform
{
    public Platform Platform => Platform.ICal;

    public void MapEndpoints(RouteGroupBuilder mount)
    {
        mount.MapGet("/{listing}.ics", (string listing, ICalFeedSimulator feeds, HttpContext context) => Serve(feeds, Platform.ICal, listing, context));
        mount.MapGet("/{platform}/{listing}.ics", (string platform, string listing, ICalFeedSimulator feeds, HttpContext context) =>
            PlatformNames.TryParse(platform, out var p) ? Serve(feeds, p, listing, context) : Results.NotFound());
    }

    public Task WriteErrorAsync(HttpContext context, int statusCode, string message) =>
        Results.Text(message, "text/plain", statusCode: statusCode).ExecuteAsync(context);

    private static IResult Serve(ICalFeedSimulator feeds, Platform platform, string listing, HttpContext context)
    {
        var (body, etag, lastModified) = feeds.BuildFeed(platform, listing);
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = EntityTagHeaderValue.Parse(etag);
        headers.LastModified = lastModified;
        var request = context.Request.GetTypedHeaders();
        var notModified = request.IfNoneMatch.Count > 0
            ? request.IfNoneMatch.Any(t => t.Tag.Equals(etag, StringComparison.Ordinal))
            : request.IfModifiedSince is { } since && since >= lastModified;
        return notModified
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Text(body, "text/calendar; charset=utf-8");
    }
}
