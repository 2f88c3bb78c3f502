using Microsoft.Extensions.Options;

namespace ChannelManager.AspNetCore.Tenancy;

/// <summary>
/// Validates <see cref="ChannelManagerEndpointOptions"/> at start-up. These options are set in code
/// (<c>AddHttpEndpoints(o => …)</c>), so messages name the option's property.
/// </summary>
internal sealed class ChannelManagerEndpointOptionsValidator : IValidateOptions<ChannelManagerEndpointOptions>
{
    /// <summary>The smallest webhook body limit accepted.</summary>
    public const int MinWebhookBodyBytes = 1024;

    /// <summary>The largest webhook body limit accepted.</summary>
    public const int MaxWebhookBodyBytes = 64 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, ChannelManagerEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.TenantClaimType))
        {
            failures.Add($"{nameof(ChannelManagerEndpointOptions)}.{nameof(options.TenantClaimType)} is required (the claim that carries a caller's tenant id).");
        }

        if (options.DefaultTenantId is { } tenant && string.IsNullOrWhiteSpace(tenant))
        {
            failures.Add($"{nameof(ChannelManagerEndpointOptions)}.{nameof(options.DefaultTenantId)} must be a tenant id or null (no default tenant), not blank.");
        }

        if (options.MaxWebhookBodyBytes is < MinWebhookBodyBytes or > MaxWebhookBodyBytes)
        {
            failures.Add($"{nameof(ChannelManagerEndpointOptions)}.{nameof(options.MaxWebhookBodyBytes)} must be between {MinWebhookBodyBytes} and {MaxWebhookBodyBytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
