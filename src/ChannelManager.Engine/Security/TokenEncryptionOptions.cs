namespace ChannelManager.Engine.Security;

/// <summary>
/// Keys that encrypt platform access and refresh tokens at rest (AES-256-GCM). Required with the PostgreSQL store;
/// configured by <c>ChannelManager:TokenEncryption:Keys</c> or the environment variable
/// <c>CHANNEL_MANAGER_TOKEN_KEY</c> (comma-separated) when the code sets none. Validated at start-up.
/// </summary>
public sealed class TokenEncryptionOptions
{
    /// <summary>The configuration key of <see cref="Keys"/>.</summary>
    public const string KeysSetting = "ChannelManager:TokenEncryption:Keys";

    /// <summary>The environment variable read when <see cref="KeysSetting"/> is not set.</summary>
    public const string KeyEnvironmentVariable = "CHANNEL_MANAGER_TOKEN_KEY";

    /// <summary>
    /// Base64-encoded 256-bit keys. The first encrypts every token written from now on; all of them decrypt (each
    /// ciphertext names its key by an id derived from the key). To rotate, put a new key first and keep the old ones
    /// until every row has been rewritten.
    /// </summary>
    public IList<string> Keys { get; } = [];
}
