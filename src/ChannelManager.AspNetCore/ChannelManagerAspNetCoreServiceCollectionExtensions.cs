using ChannelManager;
using ChannelManager.AspNetCore.Tenancy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace, by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the services of ChannelManager's HTTP surface.</summary>
public static class ChannelManagerAspNetCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the HTTP surface's options and the default tenant resolver (the <c>tenant_id</c> claim, else the
    /// default tenant). Register your own <see cref="ITenantResolver"/> before or after to replace it. Also teaches
    /// the host's JSON options the API's contract types (<see cref="ChannelManagerOpenApiServiceCollectionExtensions.AddChannelManagerJsonSchemas"/>),
    /// so that an OpenAPI document shows them snake_case, as the API writes them.
    /// </summary>
    /// <param name="builder">The ChannelManager builder.</param>
    /// <param name="configure">Changes the endpoint options.</param>
    /// <returns>The builder.</returns>
    public static IChannelManagerBuilder AddHttpEndpoints(this IChannelManagerBuilder builder, Action<ChannelManagerEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<ChannelManagerEndpointOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChannelManagerEndpointOptions>, ChannelManagerEndpointOptionsValidator>());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton<ITenantResolver, ClaimTenantResolver>();

        // So that an OpenAPI document of the host describes the API's bodies as they are really written (snake_case).
        builder.Services.AddChannelManagerJsonSchemas();
        return builder;
    }
}
