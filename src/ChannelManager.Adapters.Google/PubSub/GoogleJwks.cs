using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace ChannelManager.Adapters.Google.PubSub;

/// <summary>Reads a JWKS document (<c>{"keys":[{"kty":"RSA","kid","n","e","alg"?,"use"?}]}</c>) into RSA public keys by <c>kid</c>.</summary>
internal static class GoogleJwks
{
    /// <exception cref="FormatException">When the document is not a JWKS with at least one usable RSA key.</exception>
    public static IReadOnlyDictionary<string, RSAParameters> Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("The JWKS has no \"keys\" array.");
            }

            var result = new Dictionary<string, RSAParameters>(StringComparer.Ordinal);
            foreach (var key in keys.EnumerateArray())
            {
                if (key.ValueKind != JsonValueKind.Object || Text(key, "kty") != "RSA" || Text(key, "kid") is not { } kid ||
                    Text(key, "n") is not { } n || Text(key, "e") is not { } e ||
                    (Text(key, "alg") is { } alg && alg != "RS256") || (Text(key, "use") is { } use && use != "sig"))
                {
                    continue;
                }

                result[kid] = new RSAParameters { Modulus = Base64Url.DecodeFromChars(n), Exponent = Base64Url.DecodeFromChars(e) };
            }

            return result.Count > 0 ? result : throw new FormatException("The JWKS holds no RS256 signing key.");
        }
        catch (JsonException ex)
        {
            throw new FormatException("The JWKS is not valid JSON.", ex);
        }
    }

    /// <summary>Imports the keys (the caller owns them).</summary>
    public static Dictionary<string, RSA> Import(IReadOnlyDictionary<string, RSAParameters> keys)
    {
        var result = new Dictionary<string, RSA>(StringComparer.Ordinal);
        foreach (var (kid, parameters) in keys)
        {
            var rsa = RSA.Create();
            rsa.ImportParameters(parameters);
            result[kid] = rsa;
        }

        return result;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
