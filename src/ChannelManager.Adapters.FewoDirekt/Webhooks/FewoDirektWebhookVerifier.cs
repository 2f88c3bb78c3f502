using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChannelManager.Adapters.FewoDirekt.Api;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.FewoDirekt.Webhooks;

/// <summary>
/// Verifies booking notifications. <b>The scheme is ASSUMED</b> (Vrbo's rule is not public, platforms.md §4; this is
/// Stripe's convention, §7): <c>X-FewoDirekt-Signature: t=&lt;unix seconds&gt;,v1=&lt;lower-case hex
/// HMAC-SHA256(secret, "{t}.{raw body}")&gt;</c>, several <c>v1=</c> allowed (secret rotation, any match suffices),
/// <c>t</c> within <see cref="FewoDirektOptions.WebhookTimestampTolerance"/> of now. Compared in constant time over the
/// raw bytes, before parsing. Failure reasons name the header, never the secret or a signature.
/// </summary>
internal static class FewoDirektWebhookVerifier
{
    public static WebhookVerificationResult Verify(WebhookRequest request, string? secret, TimeSpan tolerance, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string Header = FewoDirektWire.SignatureHeader;
        if (string.IsNullOrEmpty(secret))
        {
            return WebhookVerificationResult.Rejected("FeWo-direkt notification verification is not configured (no webhook secret).");
        }

        var header = request.Header(Header);
        if (string.IsNullOrWhiteSpace(header))
        {
            return WebhookVerificationResult.Rejected($"The {Header} header is missing.");
        }

        string? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal))
            {
                timestamp ??= part[2..];
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                signatures.Add(part[3..]);
            }
        }

        if (timestamp is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) ||
            unix > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return WebhookVerificationResult.Rejected($"The {Header} header has no valid t= timestamp.");
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(unix)).Duration() > tolerance)
        {
            return WebhookVerificationResult.Rejected(
                $"The {Header} timestamp is outside the accepted window of {tolerance.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s (a stale or replayed notification, or a wrong clock).");
        }

        if (signatures.Count == 0)
        {
            return WebhookVerificationResult.Rejected($"The {Header} header has no v1= signature.");
        }

        var expected = Compute(secret, timestamp, request.Body.Span);
        var match = false;
        var candidate = new byte[expected.Length];
        foreach (var hex in signatures)
        {
            if (hex.Length == expected.Length * 2 &&
                Convert.FromHexString(hex, candidate, out _, out var written) == System.Buffers.OperationStatus.Done && written == candidate.Length)
            {
                // Every candidate is compared, so the time taken does not depend on which one matched.
                match |= CryptographicOperations.FixedTimeEquals(candidate, expected);
            }
        }

        return match
            ? WebhookVerificationResult.Authentic
            : WebhookVerificationResult.Rejected($"The {Header} does not match the body (wrong secret, or the body was altered).");
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
