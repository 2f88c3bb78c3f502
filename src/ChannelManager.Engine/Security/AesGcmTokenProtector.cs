using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Security;

/// <summary>
/// <see cref="ITokenProtector"/> with AES-256-GCM: a random 12-byte nonce per value, a 16-byte tag, the associated
/// data authenticated. Output: <c>{keyId}:{base64(nonce ‖ tag ‖ ciphertext)}</c>; the key id is the first 8 hex
/// characters of the key's SHA-256, so several keys can be configured side by side for rotation.
/// </summary>
internal sealed class AesGcmTokenProtector : ITokenProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly (string Id, byte[] Key) _current;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public AesGcmTokenProtector(IOptions<TokenEncryptionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = options.Value.Keys;
        if (keys.Count == 0)
        {
            throw new InvalidOperationException($"{TokenEncryptionOptions.KeysSetting} (or {TokenEncryptionOptions.KeyEnvironmentVariable}) is required.");
        }

        foreach (var encoded in keys)
        {
            var key = TokenEncryptionKeys.Decode(encoded) ?? throw new InvalidOperationException(TokenEncryptionKeys.MalformedMessage);
            _keys.TryAdd(TokenEncryptionKeys.IdOf(key), key);
        }

        var first = TokenEncryptionKeys.Decode(keys[0])!;
        _current = (TokenEncryptionKeys.IdOf(first), first);
    }

    /// <summary>The id of the key new values are encrypted with.</summary>
    public string CurrentKeyId => _current.Id;

    public string Protect(string plaintext, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(associatedData);
        var input = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + TagSize + input.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_current.Key, TagSize);
        aes.Encrypt(nonce, input, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(associatedData));
        CryptographicOperations.ZeroMemory(input);
        return _current.Id + ":" + Convert.ToBase64String(output);
    }

    public string Unprotect(string ciphertext, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(associatedData);
        var separator = ciphertext.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new CryptographicException("The protected token has no key id.");
        }

        var keyId = ciphertext[..separator];
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException($"The protected token was encrypted with key '{keyId}', which is not configured in {TokenEncryptionOptions.KeysSetting}.");
        }

        byte[] data;
        try
        {
            data = Convert.FromBase64String(ciphertext[(separator + 1)..]);
        }
        catch (FormatException)
        {
            throw new CryptographicException("The protected token is not valid base64.");
        }

        if (data.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The protected token is too short.");
        }

        var plaintext = new byte[data.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize + TagSize), data.AsSpan(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(associatedData));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new CryptographicException($"The protected token does not decrypt with key '{keyId}' for this row: it was altered or copied from another connection.");
        }

        return Encoding.UTF8.GetString(plaintext);
    }
}
