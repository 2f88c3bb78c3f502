using ChannelManager.Engine.Security;
using ChannelManager.Engine.Storage.PostgreSql;
using ChannelManager.Testing;
using Microsoft.Extensions.Options;

namespace ChannelManager.Storage.Tests;

/// <summary>Token protectors and credential codecs over given keys (default: <see cref="TestTokenKeys.Current"/>).</summary>
internal static class TestCodecs
{
    public static AesGcmTokenProtector Protector(params string[] keys)
    {
        var options = new TokenEncryptionOptions();
        foreach (var key in keys.Length == 0 ? [TestTokenKeys.Current] : keys)
        {
            options.Keys.Add(key);
        }

        return new AesGcmTokenProtector(Options.Create(options));
    }

    public static PostgresCredentialsCodec Codec(params string[] keys) => new(Protector(keys));
}
