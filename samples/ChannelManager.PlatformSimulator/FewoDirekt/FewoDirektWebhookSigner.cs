using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChannelManager.Simulator.FewoDirekt;

/// <summary>
/// Signs the simulated FeWo-direkt's booking notifications. <b>This scheme is ASSUMED</b> (Vrbo's rule is not public):
/// Stripe's convention, kept here and in the adapter's <c>FewoDirektWire</c>/<c>FewoDirektWebhookVerifier</c>:
/// <c>X-FewoDirekt-Signature: t=&lt;unix seconds&gt;,v1=&lt;lower-case hex HMAC-SHA256(secret, "{t}.{raw body}")&gt;</c>
/// and <c>X-FewoDirekt-Delivery-Id: &lt;guid&gt;</c>.
/// </summary>
public static class FewoDirektWebhookSigner
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-FewoDirekt-Signature";

    /// <summary>The delivery id header.</summary>
    public const string DeliveryIdHeader = "X-FewoDirekt-Delivery-Id";

    /// <summary>Computes the signature header value.</summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="timestamp">Unix seconds.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns><c>t=…,v1=…</c>.</returns>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var prefix = Encoding.UTF8.GetBytes(t + ".");
        var payload = new byte[prefix.Length + body.Length];
        prefix.CopyTo(payload, 0);
        body.CopyTo(payload.AsSpan(prefix.Length));
        return "t=" + t + ",v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }
}
