using System.Text.Json;

namespace ChannelManager.AspNetCore.Contracts;

/// <summary>Body of <c>POST /channel-connections</c>. Ids are strings so that a malformed id is a field error, not a parse failure.</summary>
internal sealed record CreateConnectionRequest(
    string? PropertyId,
    string? PlatformType,
    string? PlatformListingId,
    string? AccessToken,
    string? RefreshToken,
    DateTimeOffset? TokenExpiresAt,
    Dictionary<string, JsonElement>? PlatformMetadata,
    string? Status);

/// <summary>Body of <c>PUT /channel-connections/{id}</c>: only the fields present change.</summary>
internal sealed record UpdateConnectionRequest(
    string? PlatformListingId,
    string? AccessToken,
    string? RefreshToken,
    DateTimeOffset? TokenExpiresAt,
    Dictionary<string, JsonElement>? PlatformMetadata,
    string? Status);

/// <summary>Body of <c>POST /channel-connections/{id}/sync</c>.</summary>
internal sealed record SyncRequest(string? SyncType);
