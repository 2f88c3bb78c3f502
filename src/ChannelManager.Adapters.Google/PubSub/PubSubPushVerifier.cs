using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.Google.PubSub;

/// <summary>
/// Checks a Pub/Sub push delivery (platforms.md §5): <c>Authorization: Bearer</c> a Google-signed OIDC JWT. The RS256
/// signature is checked against the key with the header's <c>kid</c>, then <c>iss</c> (one of
/// <see cref="GoogleOptions.PubSubIssuers"/>), <c>aud</c> (= <see cref="GoogleOptions.PubSubAudience"/>), <c>exp</c>
/// (required) and <c>iat</c> (not in the future) with <see cref="GoogleOptions.PubSubClockSkew"/>, and <c>email</c>
/// (= <see cref="GoogleOptions.PubSubServiceAccountEmail"/>, with <c>email_verified</c> true).
/// </summary>
internal static class PubSubPushVerifier
{
    public static WebhookVerificationResult Verify(WebhookRequest request, GoogleOptions options, IGooglePubSubKeySource keys, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(options.PubSubAudience) || string.IsNullOrWhiteSpace(options.PubSubServiceAccountEmail))
        {
            return WebhookVerificationResult.Rejected("Pub/Sub pushes are not accepted: no audience and service account are configured.");
        }

        var authorization = request.Header("Authorization")?.Trim();
        if (string.IsNullOrEmpty(authorization))
        {
            return WebhookVerificationResult.Rejected("The Authorization header is missing.");
        }

        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return WebhookVerificationResult.Rejected("The Authorization scheme must be Bearer.");
        }

        var parts = authorization["Bearer ".Length..].Trim().Split('.');
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

        if (header.ValueKind != JsonValueKind.Object || Text(header, "alg") != "RS256")
        {
            return WebhookVerificationResult.Rejected("The bearer token must be signed with RS256.");
        }

        if (Text(header, "kid") is not { } kid)
        {
            return WebhookVerificationResult.Rejected("The bearer token names no signing key (kid).");
        }

        var key = keys.FindKey(kid);
        if (key is null)
        {
            return WebhookVerificationResult.Rejected("The bearer token is signed with an unknown key.");
        }

        bool valid;
        try
        {
            valid = key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            valid = false;
        }

        if (!valid)
        {
            return WebhookVerificationResult.Rejected("The bearer token's signature does not match.");
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            return WebhookVerificationResult.Rejected("The bearer token has no claims.");
        }

        if (Text(payload, "iss") is not { } issuer || !options.PubSubIssuers.Contains(issuer, StringComparer.Ordinal))
        {
            return WebhookVerificationResult.Rejected("The bearer token is from another issuer.");
        }

        if (!HasAudience(payload, options.PubSubAudience))
        {
            return WebhookVerificationResult.Rejected("The bearer token is for another audience.");
        }

        var skew = options.PubSubClockSkew;
        if (!payload.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expSeconds))
        {
            return WebhookVerificationResult.Rejected("The bearer token has no expiry.");
        }

        if (now - skew >= DateTimeOffset.FromUnixTimeSeconds(expSeconds))
        {
            return WebhookVerificationResult.Rejected("The bearer token has expired.");
        }

        if (payload.TryGetProperty("iat", out var iat) && iat.TryGetInt64(out var iatSeconds) && now + skew < DateTimeOffset.FromUnixTimeSeconds(iatSeconds))
        {
            return WebhookVerificationResult.Rejected("The bearer token is issued in the future.");
        }

        if (Text(payload, "email") is not { } email || !string.Equals(email, options.PubSubServiceAccountEmail.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return WebhookVerificationResult.Rejected("The bearer token is for another service account.");
        }

        if (payload.TryGetProperty("email_verified", out var verified) && verified.ValueKind != JsonValueKind.True &&
            !(verified.ValueKind == JsonValueKind.String && verified.GetString() == "true"))
        {
            return WebhookVerificationResult.Rejected("The bearer token's e-mail is not verified.");
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

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
