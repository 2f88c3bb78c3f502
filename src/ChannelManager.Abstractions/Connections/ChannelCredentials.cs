namespace ChannelManager.Connections;

/// <summary>
/// The platform credentials of one connection. Never serialised to API responses or logs:
/// <see cref="ToString"/> redacts them.
/// </summary>
/// <param name="AccessToken">The OAuth access token or API key for this listing.</param>
/// <param name="RefreshToken">The OAuth refresh token, where the platform issues one.</param>
/// <param name="ExpiresAt">When the access token expires, where known.</param>
public sealed record ChannelCredentials(string AccessToken, string? RefreshToken = null, DateTimeOffset? ExpiresAt = null)
{
    /// <summary>A redacted description, safe to log.</summary>
    /// <returns>Text that names which credentials are present, never their values.</returns>
    public override string ToString() =>
        $"ChannelCredentials {{ AccessToken = ***, RefreshToken = {(RefreshToken is null ? "none" : "***")}, ExpiresAt = {ExpiresAt:O} }}";
}
