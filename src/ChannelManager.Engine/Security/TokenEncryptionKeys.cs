using System.Security.Cryptography;

namespace ChannelManager.Engine.Security;

/// <summary>Decoding of configured token-encryption keys and their ids.</summary>
internal static class TokenEncryptionKeys
{
    public const int KeySize = 32;

    public static readonly string MalformedMessage =
        $"{TokenEncryptionOptions.KeysSetting} (or {TokenEncryptionOptions.KeyEnvironmentVariable}) must hold base64-encoded 256-bit (32-byte) keys, e.g. from `openssl rand -base64 32`.";

    /// <summary>The key's bytes, or <see langword="null"/> when it is not base64 of exactly 32 bytes.</summary>
    public static byte[]? Decode(string? encoded)
    {
        if (string.IsNullOrWhiteSpace(encoded))
        {
            return null;
        }

        var buffer = new byte[KeySize + 3];
        return Convert.TryFromBase64String(encoded.Trim(), buffer, out var written) && written == KeySize ? buffer[..KeySize] : null;
    }

    /// <summary>The key's id: the first 8 hex characters of its SHA-256 (identifies, does not reveal, the key).</summary>
    public static string IdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..8];
}
