namespace ChannelManager.Adapters.Airbnb.Api;

/// <summary><c>{"refresh_token":…}</c>: the body of <c>POST /v2/oauth2/authorizations</c> that refreshes an access token.</summary>
internal sealed record AirbnbRefreshTokenRequest(string RefreshToken)
{
    /// <summary>Redacted: the token is never written to logs.</summary>
    public override string ToString() => "AirbnbRefreshTokenRequest { RefreshToken = *** }";
}
