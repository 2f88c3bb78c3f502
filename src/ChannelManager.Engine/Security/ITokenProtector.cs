namespace ChannelManager.Engine.Security;

/// <summary>
/// Encrypts platform tokens before a durable store writes them and decrypts them when it reads them back. The
/// associated data binds a ciphertext to the row it was written for (tenant and connection), so a ciphertext copied
/// to another row does not decrypt.
/// </summary>
public interface ITokenProtector
{
    /// <summary>Encrypts <paramref name="plaintext"/> with the current key.</summary>
    /// <param name="plaintext">The secret to protect.</param>
    /// <param name="associatedData">What the ciphertext is bound to (e.g. tenant and connection id); not secret.</param>
    /// <returns>The ciphertext, prefixed with the id of the key that produced it.</returns>
    string Protect(string plaintext, string associatedData);

    /// <summary>Decrypts a value produced by <see cref="Protect"/> with any configured key.</summary>
    /// <param name="ciphertext">The value <see cref="Protect"/> returned.</param>
    /// <param name="associatedData">The same associated data that was given to <see cref="Protect"/>.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="System.Security.Cryptography.CryptographicException">
    /// The key is not configured, or the ciphertext was altered or belongs to other associated data. The message
    /// never contains the plaintext or the key.
    /// </exception>
    string Unprotect(string ciphertext, string associatedData);
}
