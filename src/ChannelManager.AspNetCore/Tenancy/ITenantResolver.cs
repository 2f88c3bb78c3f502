using Microsoft.AspNetCore.Http;

namespace ChannelManager.AspNetCore.Tenancy;

/// <summary>Decides which tenant an API request acts for. Register your own to map your authentication to tenants.</summary>
public interface ITenantResolver
{
    /// <summary>The tenant of the request, or <see langword="null"/> when the caller has none (answered 403).</summary>
    /// <param name="context">The request.</param>
    /// <returns>The tenant id.</returns>
    string? ResolveTenant(HttpContext context);
}
