namespace ChannelManager.AspNetCore.Tenancy;

/// <summary>Settings of ChannelManager's HTTP surface.</summary>
public sealed class ChannelManagerEndpointOptions
{
    /// <summary>The claim that carries a caller's tenant id.</summary>
    public string TenantClaimType { get; set; } = "tenant_id";

    /// <summary>
    /// The tenant used for callers without a tenant claim, e.g. a single-tenant PMS behind its own authentication.
    /// Set to <see langword="null"/> to refuse such callers (403).
    /// </summary>
    public string? DefaultTenantId { get; set; } = "default";

    /// <summary>The largest webhook body accepted, in bytes; larger bodies are cut off while streaming (413). Between 1 KiB and 64 MiB.</summary>
    public int MaxWebhookBodyBytes { get; set; } = 1024 * 1024;
}
