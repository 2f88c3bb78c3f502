namespace ChannelManager.AspNetCore.Tests.Hostile;

/// <summary>One webhook to send: route, body, content type and headers.</summary>
public sealed record WebhookMessage(string Path, byte[] Body, string ContentType, IReadOnlyDictionary<string, string> Headers)
{
    public HttpRequestMessage ToRequest(byte[]? body = null, string? contentType = null, bool withHeaders = true)
    {
        var content = new ByteArrayContent(body ?? Body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? ContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = content };
        if (withHeaders)
        {
            foreach (var (k, v) in Headers)
            {
                request.Headers.TryAddWithoutValidation(k, v);
            }
        }

        return request;
    }
}
