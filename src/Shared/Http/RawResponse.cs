namespace ChannelManager.Adapters.Shared.Http;

/// <summary>An answer read to its end.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The body as text.</param>
/// <param name="RetryAfter">How long the platform asked to wait, if it did.</param>
internal sealed record RawResponse(int StatusCode, string Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
