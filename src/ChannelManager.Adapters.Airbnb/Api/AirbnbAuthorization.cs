using System.Text.Json;

namespace ChannelManager.Adapters.Airbnb.Api;

/// <summary>
/// <c>{"access_token","refresh_token","expires_at","user_id"}</c>: Airbnb's answer to a token request (platforms.md §2).
/// <c>expires_at</c> is read as Unix seconds or an ISO 8601 date-time; <c>expires_in</c> (seconds) is a fallback.
/// </summary>
internal sealed record AirbnbAuthorization(string? AccessToken, string? RefreshToken, JsonElement? ExpiresAt, JsonElement? ExpiresIn)
{
    /// <summary>Redacted: tokens are never written to logs.</summary>
    public override string ToString() => "AirbnbAuthorization { AccessToken = ***, RefreshToken = *** }";
}
