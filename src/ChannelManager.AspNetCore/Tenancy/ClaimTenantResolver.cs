using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ChannelManager.AspNetCore.Tenancy;

/// <summary>The default <see cref="ITenantResolver"/>: the authenticated user's tenant claim, else the configured default tenant.</summary>
internal sealed class ClaimTenantResolver(IOptions<ChannelManagerEndpointOptions> options) : ITenantResolver
{
    public string? ResolveTenant(HttpContext context)
    {
        var o = options.Value;
        var claim = context.User.FindFirst(o.TenantClaimType)?.Value;
        return string.IsNullOrWhiteSpace(claim) ? o.DefaultTenantId : claim;
    }
}
