using Microsoft.AspNetCore.Authentication;

namespace ChannelManager.SampleHost.Security;

/// <summary>The sample host's authentication (API keys per tenant, hashed at rest) and its two policies.</summary>
internal static class SampleHostSecurity
{
    /// <summary>The authentication scheme.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>The alternative header carrying the key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The claim carrying the tenant (configured as the library's tenant claim).</summary>
    public const string TenantClaimType = "tenant_id";

    /// <summary>The role of operator keys.</summary>
    public const string OperatorRole = "operator";

    /// <summary>The policy of the management API and the sample PMS: a key of a tenant.</summary>
    public const string TenantPolicy = "tenant";

    /// <summary>The policy of the cross-tenant operations API: an operator key.</summary>
    public const string OperatorPolicy = "operators";

    /// <summary>
    /// Registers the scheme and policies with the configured keys; when none is configured and
    /// <paramref name="generateDemoKeys"/> is set, generates one for the demo tenant <c>default</c> and one for an
    /// operator and prints them to the console once (their hashes are never logged).
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="generateDemoKeys">Whether to generate demo keys when none is configured.</param>
    /// <param name="selfUrl">The host's address, for the printed example.</param>
    /// <returns>The keys.</returns>
    public static SampleApiKeys AddApiKeyAuthentication(this WebApplicationBuilder builder, bool generateDemoKeys, string selfUrl)
    {
        var keys = SampleApiKeys.FromConfiguration(builder.Configuration);
        if (keys.IsEmpty && generateDemoKeys)
        {
            var tenantKey = keys.Generate("default", isOperator: false);
            var operatorKey = keys.Generate("demo", isOperator: true);
            Console.WriteLine($"""

                Demo API keys for this run (configure SampleHost:ApiKeys:<tenant> = SHA-256 hex of a key to use your own):
                  tenant 'default': {tenantKey}
                  operator:         {operatorKey}
                  curl -H "Authorization: Bearer {tenantKey}" {selfUrl}/channel-connections

                """);
        }

        builder.Services.AddSingleton(keys);
        // No default scheme: only the routes whose policies name the API-key scheme authenticate, so a webhook's own
        // Authorization header (Google's OIDC bearer, Basic for Vrbo) is never read as an API key.
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(TenantPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(TenantClaimType))
            .AddPolicy(OperatorPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(OperatorRole));
        return keys;
    }
}
