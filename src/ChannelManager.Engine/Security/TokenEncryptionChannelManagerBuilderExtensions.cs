using ChannelManager;
using ChannelManager.Engine.Security;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace, by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Configures the encryption of platform tokens at rest.</summary>
public static class TokenEncryptionChannelManagerBuilderExtensions
{
    /// <summary>
    /// Sets the keys that encrypt platform access and refresh tokens in the durable store (required with
    /// <c>UsePostgres</c>). Without this call the keys come from <c>ChannelManager:TokenEncryption:Keys</c> or
    /// <c>CHANNEL_MANAGER_TOKEN_KEY</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddChannelManager</c>.</param>
    /// <param name="configure">Adds the keys; the first encrypts, all decrypt.</param>
    /// <returns>The builder.</returns>
    public static IChannelManagerBuilder UseTokenEncryption(this IChannelManagerBuilder builder, Action<TokenEncryptionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<TokenEncryptionOptions>().Configure(configure);
        return builder;
    }
}
