using System.Diagnostics.Metrics;
using ChannelManager.Engine.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ChannelManager.AspNetCore.Telemetry;

/// <summary>
/// Counts every request in <c>http_requests_total{method, endpoint, status}</c> after it is answered. The endpoint is
/// the route pattern that answered (<c>/channel-connections/{id}</c>), never the raw path, whose ids would make a
/// series per connection; a request no route matched is <c>unmatched</c>. Methods outside the standard ones are
/// <c>OTHER</c>, so a caller cannot mint label values.
/// </summary>
internal sealed class HttpRequestsCounter
{
    private readonly Counter<long> _requests;

    public HttpRequestsCounter(IMeterFactory? meters)
    {
        var meter = meters?.Create(ChannelManagerMetrics.MeterName) ?? new Meter(ChannelManagerMetrics.MeterName);
        _requests = meter.CreateCounter<long>(ChannelManagerMetrics.HttpRequests, "{request}", "HTTP requests answered, by method, route pattern and status.");
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            if (_requests.Enabled)
            {
                var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } pattern
                    ? EndpointOf(pattern)
                    : "unmatched";
                _requests.Add(
                    1,
                    new KeyValuePair<string, object?>(ChannelManagerMetrics.MethodLabel, MethodOf(context.Request.Method)),
                    new KeyValuePair<string, object?>(ChannelManagerMetrics.EndpointLabel, endpoint),
                    new KeyValuePair<string, object?>(ChannelManagerMetrics.HttpStatusLabel, StatusOf(context)));
            }
        }
    }

    /// <summary>The route pattern as a label: one leading slash, no trailing one (a group's root route is written <c>/channel-connections/</c>).</summary>
    private static string EndpointOf(string pattern)
    {
        var trimmed = pattern.Trim('/');
        return trimmed.Length == pattern.Length - 1 && pattern[0] == '/' ? pattern : "/" + trimmed;
    }

    private static string MethodOf(string method) =>
        HttpMethods.IsGet(method) ? HttpMethods.Get
        : HttpMethods.IsPost(method) ? HttpMethods.Post
        : HttpMethods.IsPut(method) ? HttpMethods.Put
        : HttpMethods.IsDelete(method) ? HttpMethods.Delete
        : HttpMethods.IsPatch(method) ? HttpMethods.Patch
        : HttpMethods.IsHead(method) ? HttpMethods.Head
        : HttpMethods.IsOptions(method) ? HttpMethods.Options
        : "OTHER";

    /// <summary>The status as a label; an exception that escaped every handler is a 500.</summary>
    private static string StatusOf(HttpContext context) => context.Response.StatusCode switch
    {
        200 => "200",
        201 => "201",
        202 => "202",
        204 => "204",
        400 => "400",
        401 => "401",
        403 => "403",
        404 => "404",
        409 => "409",
        500 => "500",
        var code => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
