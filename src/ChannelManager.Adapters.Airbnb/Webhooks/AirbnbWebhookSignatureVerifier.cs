using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.Airbnb.Webhooks;

/// <summary>
/// Verifies Airbnb webhooks. <b>The scheme is ASSUMED</b>: Airbnb publishes no webhook signature (platforms.md §2),
/// so ChannelManager uses a Stripe-like one, kept here and in the simulator's <c>AirbnbWebhookSigner</c>:
/// <list type="bullet">
/// <item><c>X-Airbnb-Delivery-Id: &lt;guid&gt;</c> (used for deduplication)</item>
/// <item><c>X-Airbnb-Timestamp: &lt;unix seconds&gt;</c>, within <see cref="AirbnbOptions.WebhookTimestampTolerance"/> of now</item>
/// <item><c>X-Airbnb-Signature: v1=&lt;lower-case hex HMAC-SHA256(secret, "{timestamp}.{raw body}")&gt;</c>; several
/// comma-separated <c>v1=</c> entries are allowed (secret rotation), any one matching is enough</item>
/// </list>
/// Signatures are compared in constant time. Failure reasons name headers, never the secret or a signature.
/// </summary>
internal static class AirbnbWebhookSignatureVerifier
{
    public const string DeliveryIdHeader = "X-Airbnb-Delivery-Id";
    public const string TimestampHeader = "X-Airbnb-Timestamp";
    public const string SignatureHeader = "X-Airbnb-Signature";

    private const string Scheme = "v1=";

    public static WebhookVerificationResult Verify(WebhookRequest request, string? secret, TimeSpan tolerance, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(secret))
        {
            return WebhookVerificationResult.Rejected("Airbnb webhook verification is not configured (no webhook secret).");
        }

        var signatureHeader = request.Header(SignatureHeader);
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return WebhookVerificationResult.Rejected($"The {SignatureHeader} header is missing.");
        }

        var timestampText = request.Header(TimestampHeader)?.Trim();
        if (string.IsNullOrEmpty(timestampText))
        {
            return WebhookVerificationResult.Rejected($"The {TimestampHeader} header is missing.");
        }

        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds) ||
            unixSeconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return WebhookVerificationResult.Rejected($"The {TimestampHeader} header is not a unix timestamp.");
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        if (age.Duration() > tolerance)
        {
            return WebhookVerificationResult.Rejected(
                $"The {TimestampHeader} is outside the accepted window of {tolerance.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s (a stale or replayed webhook, or a wrong clock).");
        }

        var expected = Compute(secret, timestampText, request.Body.Span);
        var sawV1 = false;
        var match = false;
        foreach (var part in signatureHeader.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!part.StartsWith(Scheme, StringComparison.Ordinal))
            {
                continue;
            }

            sawV1 = true;
            var hex = part.AsSpan(Scheme.Length);
            if (hex.Length != expected.Length * 2)
            {
                continue;
            }

            var candidate = new byte[expected.Length];
            if (Convert.FromHexString(hex, candidate, out _, out var written) == System.Buffers.OperationStatus.Done && written == candidate.Length)
            {
                // Evaluate every candidate so the time taken does not depend on which one matched.
                match |= CryptographicOperations.FixedTimeEquals(candidate, expected);
            }
        }

        if (!sawV1)
        {
            return WebhookVerificationResult.Rejected($"The {SignatureHeader} header has no v1= signature.");
        }

        return match
            ? WebhookVerificationResult.Authentic
            : WebhookVerificationResult.Rejected($"The {SignatureHeader} does not match the body (wrong secret, or the body was altered).");
    }

    /// <summary>HMAC-SHA256(secret, "{timestamp}.{body}").</summary>
    public static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var payload = new byte[prefix.Length + body.Length];
        prefix.CopyTo(payload, 0);
        body.CopyTo(payload.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload);
    }
}
