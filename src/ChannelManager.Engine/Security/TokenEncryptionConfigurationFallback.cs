using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Security;

/// <summary>
/// Fills <see cref="TokenEncryptionOptions.Keys"/> from configuration when the code set none:
/// <c>ChannelManager:TokenEncryption:Keys</c> (an array, or one comma-separated value), else
/// <c>CHANNEL_MANAGER_TOKEN_KEY</c> (comma-separated).
/// </summary>
internal sealed class TokenEncryptionConfigurationFallback(IConfiguration? configuration) : IPostConfigureOptions<TokenEncryptionOptions>
{
    public void PostConfigure(string? name, TokenEncryptionOptions options)
    {
        if (configuration is null || options.Keys.Count > 0)
        {
            return;
        }

        var section = configuration.GetSection(TokenEncryptionOptions.KeysSetting);
        var values = section.Value is { Length: > 0 } single
            ? Split(single)
            : section.GetChildren().Select(c => c.Value ?? string.Empty).ToList();
        if (values.Count == 0 && configuration[TokenEncryptionOptions.KeyEnvironmentVariable] is { Length: > 0 } env)
        {
            values = Split(env);
        }

        foreach (var value in values)
        {
            options.Keys.Add(value.Trim());
        }
    }

    private static List<string> Split(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
