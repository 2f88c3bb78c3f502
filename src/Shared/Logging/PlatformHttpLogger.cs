using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Adapters.Shared.Logging;

/// <summary>
/// Logs a platform HTTP call without anything secret: the method, the scheme and host (no path, no query: iCal export
/// URLs and some platform APIs carry tokens there), the status and the time taken. Never headers (the HttpClientFactory's
/// default logger redacts them only in the formatted text, not in the structured state), never bodies, and for a failure
/// only the exception's type (its message may quote a URL).
/// </summary>
/// <param name="logger">The logger.</param>
internal sealed partial class PlatformHttpLogger(ILogger logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        LogCompleted(logger, request.Method.Method, Origin(request.RequestUri), (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        LogFailed(logger, request.Method.Method, Origin(request.RequestUri), exception.GetType().Name, elapsed.TotalMilliseconds);

    /// <summary>The scheme, host and port of a URL: what can be logged of it.</summary>
    /// <param name="uri">The URL.</param>
    /// <returns>E.g. <c>https://api.airbnb.com</c>.</returns>
    [return: NotNullIfNotNull(nameof(uri))]
    public static string? Origin(Uri? uri) => uri is { IsAbsoluteUri: true } ? uri.GetLeftPart(UriPartial.Authority) : uri is null ? null : "(relative)";

    [LoggerMessage(Level = LogLevel.Debug, Message = "HTTP {Method} {Origin}/… answered {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogCompleted(ILogger logger, string method, string? origin, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "HTTP {Method} {Origin}/… failed after {ElapsedMilliseconds:0.0} ms ({ExceptionType})")]
    private static partial void LogFailed(ILogger logger, string method, string? origin, string exceptionType, double elapsedMilliseconds);
}
