namespace ChannelManager.Simulator.Airbnb;

/// <summary>Tokens the simulated Airbnb issued for one host's grant (what <c>POST /v2/oauth2/authorizations</c> answers).</summary>
/// <param name="AccessToken">The access token, sent as <c>X-Airbnb-OAuth-Token</c>.</param>
/// <param name="RefreshToken">The refresh token that gets a new access token.</param>
/// <param name="ExpiresAt">When the access token expires.</param>
/// <param name="UserId">The host's Airbnb user id.</param>
public sealed record AirbnbTokenGrant(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, long UserId)
{
    /// <summary>A description without the tokens.</summary>
    /// <returns>The expiry and the user id.</returns>
    public override string ToString() => $"AirbnbTokenGrant {{ ExpiresAt = {ExpiresAt:O}, UserId = {UserId} }}";
}
