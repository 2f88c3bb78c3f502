namespace ChannelManager.Connections;

/// <summary>A partial update of a channel connection: only the fields that are set change.</summary>
public sealed record ChannelConnectionUpdate
{
    /// <summary>The new listing id on the platform.</summary>
    public string? PlatformListingId { get; init; }

    /// <summary>A new access token (e.g. after the host re-authorised).</summary>
    public string? AccessToken { get; init; }

    /// <summary>A new refresh token.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>The new token expiry.</summary>
    public DateTimeOffset? TokenExpiresAt { get; init; }

    /// <summary>Replaces the platform metadata.</summary>
    public IReadOnlyDictionary<string, string>? PlatformMetadata { get; init; }

    /// <summary>The new status (<c>active</c>, <c>paused</c>, <c>error</c>).</summary>
    public string? Status { get; init; }
}
