namespace ChannelManager.Connections;

/// <summary>The input to create a channel connection.</summary>
public sealed record NewChannelConnection
{
    /// <summary>The PMS property the listing sells.</summary>
    public Guid PropertyId { get; init; }

    /// <summary>The platform's wire name (<c>airbnb</c>, <c>booking_com</c>, …).</summary>
    public string? PlatformType { get; init; }

    /// <summary>The listing's id on the platform.</summary>
    public string? PlatformListingId { get; init; }

    /// <summary>The access token for the listing.</summary>
    public string? AccessToken { get; init; }

    /// <summary>The refresh token, where the platform issues one.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>When the access token expires, where known.</summary>
    public DateTimeOffset? TokenExpiresAt { get; init; }

    /// <summary>Platform-specific settings.</summary>
    public IReadOnlyDictionary<string, string>? PlatformMetadata { get; init; }

    /// <summary>The initial status (<c>active</c> when omitted).</summary>
    public string? Status { get; init; }
}
