using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.BookingCom.Webhooks;

/// <summary>
/// Checks the <c>Authorization</c> of a Connectivity Notification Service call (platforms.md §1): <c>Bearer</c> an
/// HS256 JWT issued with <see cref="BookingComNotificationTokens.Issue"/> (signature in constant time, <c>exp</c>
/// required, <c>nbf</c> and <c>aud</c> when present/configured), or — the early adopters' scheme — <c>Basic</c> with
/// the configured user name and password (compared in constant time).
/// </summary>
internal static class BookingComNotificationVerifier
{
    public static WebhookVerificationResult Verify(WebhookRequest request, BookingComOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Header("Authorization")?.Trim();
        if (string.IsNullOrEmpty(authorization))
        {
            return WebhookVerificationResult.Rejected("The Authorization header is missing.");
        }

        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? authorization : authorization[..space];
        var credentials = space < 0 ? string.Empty : authorization[(space + 1)..].Trim();
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrEmpty(options.NotificationSigningKey)
                ? WebhookVerificationResult.Rejected("Bearer tokens are not accepted: no notification signing key is configured.")
                : VerifyJwt(credentials, options, now);
        }

        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrEmpty(options.NotificationBasicUsername) || string.IsNullOrEmpty(options.NotificationBasicPassword)
                ? WebhookVerificationResult.Rejected("Basic credentials are not accepted: none are configured.")
                : VerifyBasic(credentials, options.NotificationBasicUsername, options.NotificationBasicPassword);
        }

        return WebhookVerificationResult.Rejected("The Authorization scheme must be Bearer or Basic.");
    }

    private static WebhookVerificationResult VerifyJwt(string jwt, BookingComOptions options, DateTimeOffset now)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            return WebhookVerificationResult.Rejected("The bearer token is not a JWT.");
        }

        byte[] signature;
        JsonElement header;
        JsonElement payload;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
            header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
            payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return WebhookVerificationResult.Rejected("The bearer token is not a well-formed JWT.");
        }

        if (header.ValueKind != JsonValueKind.Object || !header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "HS256")
        {
            return WebhookVerificationResult.Rejected("The bearer token must be signed with HS256.");
        }

        var expected = BookingComNotificationTokens.Sign(options.NotificationSigningKey!, parts[0] + "." + parts[1]);
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return WebhookVerificationResult.Rejected("The bearer token's signature does not match.");
        }

        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expSeconds))
        {
            return WebhookVerificationResult.Rejected("The bearer token has no expiry.");
        }

        var skew = options.NotificationClockSkew;
        if (now - skew >= DateTimeOffset.FromUnixTimeSeconds(expSeconds))
        {
            return WebhookVerificationResult.Rejected("The bearer token has expired.");
        }

        if (payload.TryGetProperty("nbf", out var nbf) && nbf.TryGetInt64(out var nbfSeconds) && now + skew < DateTimeOffset.FromUnixTimeSeconds(nbfSeconds))
        {
            return WebhookVerificationResult.Rejected("The bearer token is not valid yet.");
        }

        if (options.NotificationAudience is { } audience && !HasAudience(payload, audience))
        {
            return WebhookVerificationResult.Rejected("The bearer token is for another audience.");
        }

        return WebhookVerificationResult.Authentic;
    }

    private static bool HasAudience(JsonElement payload, string audience)
    {
        if (!payload.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        return aud.ValueKind switch
        {
            JsonValueKind.String => aud.GetString() == audience,
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == audience),
            _ => false,
        };
    }

    private static WebhookVerificationResult VerifyBasic(string credentials, string username, string password)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credentials));
        }
        catch (FormatException)
        {
            return WebhookVerificationResult.Rejected("The Basic credentials are not valid base64.");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? decoded : decoded[..colon];
        var pass = colon < 0 ? string.Empty : decoded[(colon + 1)..];

        // Both compared, always, on hashes of equal length: the time taken tells nothing.
        var userOk = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(user)), SHA256.HashData(Encoding.UTF8.GetBytes(username)));
        var passOk = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(pass)), SHA256.HashData(Encoding.UTF8.GetBytes(password)));
        return userOk & passOk ? WebhookVerificationResult.Authentic : WebhookVerificationResult.Rejected("The Basic credentials do not match.");
    }
}
