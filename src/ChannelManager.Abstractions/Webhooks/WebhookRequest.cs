namespace ChannelManager.Webhooks;

/// <summary>A webhook as it arrived over HTTP, before verification.</summary>
public sealed record WebhookRequest
{
    /// <summary>The request headers (case-insensitive names; multiple values joined by commas).</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The query string parameters.</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>The raw body, exactly as received (signatures are computed over it).</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The media type of the body, e.g. <c>application/json</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>When the request arrived.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets a header value, or <see langword="null"/>.</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <returns>The value.</returns>
    public string? Header(string name)
    {
        if (Headers.TryGetValue(name, out var v))
        {
            return v;
        }

        foreach (var kv in Headers)
        {
            if (string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return kv.Value;
            }
        }

        return null;
    }
}
