using System.Security.Cryptography;

namespace ChannelManager.Adapters.Google.PubSub;

/// <summary>
/// Supplies the public keys that verify the OIDC tokens of Google Cloud Pub/Sub push deliveries. The adapter's default
/// fetches Google's JWKS (<see cref="GoogleOptions.PubSubJwksUrl"/>), or uses the fixed document in
/// <see cref="GoogleOptions.PubSubJwks"/>; register your own implementation before <c>AddGoogle</c> to replace it.
/// </summary>
public interface IGooglePubSubKeySource
{
    /// <summary>
    /// Finds the RSA public key with the JWT header's <c>kid</c>. Called from the synchronous webhook verification: an
    /// implementation may wait briefly for a fetch. The key stays owned by the source (callers do not dispose it).
    /// </summary>
    /// <param name="keyId">The token's <c>kid</c>.</param>
    /// <returns>The key, or <see langword="null"/> when no key has that id.</returns>
    RSA? FindKey(string keyId);
}
