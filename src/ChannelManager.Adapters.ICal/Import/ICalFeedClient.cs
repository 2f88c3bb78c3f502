using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChannelManager.Connections;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.ICal.Import;

/// <summary>A downloaded feed, or "not modified".</summary>
internal sealed record ICalFeedDownload(bool NotModified, string? Text, string? ETag, DateTimeOffset? LastModified);

/// <summary>
/// Downloads feeds: conditional GET (<c>If-None-Match</c>/<c>If-Modified-Since</c>), a timeout over headers and
/// body, and a size cap checked on <c>Content-Length</c> and while reading. Failures throw
/// <see cref="PlatformCallException"/> (408/425/429/5xx, timeouts and network errors are transient).
/// </summary>
internal sealed class ICalFeedClient(IHttpClientFactory httpClientFactory, IOptions<ICalOptions> options)
{
    /// <summary>The name of the HTTP client.</summary>
    public const string HttpClientName = "ChannelManager.ICal";

    public async Task<ICalFeedDownload> DownloadAsync(Uri url, string? etag, DateTimeOffset? lastModified, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/calendar");
        request.Headers.Accept.ParseAdd("*/*;q=0.1");
        request.Headers.UserAgent.ParseAdd(settings.UserAgent);
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (lastModified is { } since)
        {
            request.Headers.IfModifiedSince = since;
        }

        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new ICalFeedDownload(true, null, response.Headers.ETag?.ToString() ?? etag, response.Content.Headers.LastModified ?? lastModified);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new PlatformCallException(
                    Platform.ICal,
                    string.Create(CultureInfo.InvariantCulture, $"iCal feed download answered HTTP {status} {response.ReasonPhrase}"),
                    PlatformCallException.IsTransientStatus(status),
                    status,
                    RetryAfterOf(response));
            }

            if (response.Content.Headers.ContentLength is { } length && length > settings.MaxFeedBytes)
            {
                throw TooLarge(settings.MaxFeedBytes, status);
            }

            var bytes = await ReadCappedAsync(response.Content, settings.MaxFeedBytes, status, timeout.Token).ConfigureAwait(false);
            var text = Decode(bytes, response.Content.Headers.ContentType?.CharSet);
            return new ICalFeedDownload(false, text, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PlatformCallException(Platform.ICal, $"iCal feed download timed out after {settings.RequestTimeout.TotalSeconds:0.#} s", isTransient: true, innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PlatformCallException(Platform.ICal, "iCal feed download failed: " + ex.Message, isTransient: true, statusCode: ex.StatusCode is { } s ? (int)s : null, innerException: ex);
        }
        catch (IOException ex)
        {
            throw new PlatformCallException(Platform.ICal, "iCal feed download was cut off: " + ex.Message, isTransient: true, innerException: ex);
        }
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, long maxBytes, int status, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(maxBytes, status);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static string Decode(byte[] bytes, string? charset)
    {
        Encoding encoding = Encoding.UTF8;
        if (!string.IsNullOrWhiteSpace(charset))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // Unknown charset: RFC 5545's default, UTF-8.
            }
        }

        var text = encoding.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    private static PlatformCallException TooLarge(long maxBytes, int status) =>
        new(Platform.ICal, string.Create(CultureInfo.InvariantCulture, $"iCal feed is larger than the limit of {maxBytes} bytes"), isTransient: false, statusCode: status);

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter.Date is { } date && date > DateTimeOffset.UtcNow ? date - DateTimeOffset.UtcNow : null;
    }
}
