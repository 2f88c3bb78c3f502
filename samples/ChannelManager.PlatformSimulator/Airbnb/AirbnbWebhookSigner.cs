using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChannelManager.Simulator.Airbnb;

/// <summary>
/// Signs the simulated Airbnb's webhooks. <b>This scheme is ASSUMED</b>: Airbnb publishes no webhook signature, so
/// ChannelManager's simulator and its Airbnb adapter agree on a Stripe-like one, kept in this one class here and in
/// one class of the adapter:
/// <list type="bullet">
/// <item><c>X-Airbnb-Delivery-Id: &lt;guid&gt;</c></item>
/// <item><c>X-Airbnb-Timestamp: &lt;unix seconds&gt;</c></item>
/// <item><c>X-Airbnb-Signature: v1=&lt;lower-case hex HMAC-SHA256(secret, "{timestamp}.{raw body}")&gt;</c></item>
/// </list>
/// </summary>
public static class AirbnbWebhookSigner
{
    /// <summary>The delivery id header.</summary>
    public const string DeliveryIdHeader = "X-Airbnb-Delivery-Id";

    /// <summary>The timestamp header (unix seconds).</summary>
    public const string TimestampHeader = "X-Airbnb-Timestamp";

    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Airbnb-Signature";

    /// <summary>Computes the signature header value.</summary>
    /// <param name="secret">The shared webhook secret.</param>
    /// <param name="timestamp">The unix timestamp sent in <see cref="TimestampHeader"/>.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns><c>v1=&lt;hex&gt;</c>.</returns>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var payload = new byte[prefix.Length + body.Length];
        prefix.CopyTo(payload, 0);
        body.CopyTo(payload.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload);
        return "v1=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>The three headers of a signed webhook.</summary>
    /// <param name="secret">The shared webhook secret.</param>
    /// <param name="timestamp">The unix timestamp.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <param name="deliveryId">The delivery id; a new GUID when omitted.</param>
    /// <returns>The header names and values.</returns>
    public static IReadOnlyDictionary<string, string> CreateHeaders(string secret, long timestamp, ReadOnlySpan<byte> body, string? deliveryId = null) =>
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [DeliveryIdHeader] = deliveryId ?? Guid.NewGuid().ToString(),
            [TimestampHeader] = timestamp.ToString(CultureInfo.InvariantCulture),
            [SignatureHeader] = Sign(secret, timestamp, body),
        };
}
