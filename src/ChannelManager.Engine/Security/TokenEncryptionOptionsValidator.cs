using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Security;

/// <summary>Validates <see cref="TokenEncryptionOptions"/> at start-up; messages name the setting, never a key.</summary>
internal sealed class TokenEncryptionOptionsValidator : IValidateOptions<TokenEncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, TokenEncryptionOptions options)
    {
        if (options.Keys.Count == 0)
        {
            return ValidateOptionsResult.Fail(
                $"{TokenEncryptionOptions.KeysSetting} (or the environment variable {TokenEncryptionOptions.KeyEnvironmentVariable}) is required with the PostgreSQL store: platform tokens are encrypted at rest. Generate one with `openssl rand -base64 32`.");
        }

        for (var i = 0; i < options.Keys.Count; i++)
        {
            if (TokenEncryptionKeys.Decode(options.Keys[i]) is null)
            {
                return ValidateOptionsResult.Fail($"Key {i} of " + TokenEncryptionKeys.MalformedMessage);
            }
        }

        return ValidateOptionsResult.Success;
    }
}
