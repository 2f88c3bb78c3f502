using System.Security.Cryptography;

namespace ChannelManager.Adapters.Google.PubSub;

/// <summary>Keys from a fixed JWKS document (<see cref="GoogleOptions.PubSubJwks"/>).</summary>
internal sealed class StaticPubSubKeySource : IGooglePubSubKeySource, IDisposable
{
    private readonly Dictionary<string, RSA> _keys;

    public StaticPubSubKeySource(string jwks) => _keys = GoogleJwks.Import(GoogleJwks.Parse(jwks));

    public RSA? FindKey(string keyId) => _keys.GetValueOrDefault(keyId);

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}
