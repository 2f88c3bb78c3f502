using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ChannelManager.Adapters.Google.Auth;

/// <summary>Writes and splits compact RS256 JWTs with <see cref="System.Security.Cryptography"/> only.</summary>
internal static class Rs256Jwt
{
    /// <summary>Signs a JWT: header <c>{"alg":"RS256","typ":"JWT"[,"kid"]}</c>, the claims written by <paramref name="writeClaims"/>.</summary>
    public static string Sign(RSA key, string? keyId, Action<Utf8JsonWriter> writeClaims)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(writeClaims);
        var header = Json(w =>
        {
            w.WriteString("alg", "RS256");
            w.WriteString("typ", "JWT");
            if (!string.IsNullOrEmpty(keyId))
            {
                w.WriteString("kid", keyId);
            }
        });
        var payload = Json(writeClaims);
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
