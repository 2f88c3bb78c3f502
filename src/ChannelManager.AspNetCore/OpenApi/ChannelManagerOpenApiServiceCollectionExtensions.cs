using Microsoft.AspNetCore.OpenApi;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace, by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers an OpenAPI document of ChannelManager's HTTP surface.</summary>
public static class ChannelManagerOpenApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the OpenAPI document <paramref name="documentName"/> (<c>AddOpenApi</c>) with ChannelManager's
    /// transformers (<see cref="ChannelManagerOpenApiOptionsExtensions.AddChannelManagerTransformers"/>): summaries,
    /// problem responses, examples and snake_case schemas for every route of <c>MapChannelManager()</c>,
    /// <c>MapChannelManagerOperations()</c> and the adapters' feeds. Serve it with <c>app.MapOpenApi()</c>
    /// (<c>/openapi/{documentName}.json</c>). A host that registers its document itself calls
    /// <c>options.AddChannelManagerTransformers()</c> instead.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="documentName">The document's name, part of its URL. Default <c>v1</c>.</param>
    /// <param name="configure">Further options of the document (the host's security schemes, its own transformers), applied after ChannelManager's.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddChannelManagerOpenApi(this IServiceCollection services, string documentName = "v1", Action<OpenApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(documentName);
        services.AddChannelManagerJsonSchemas();
        return services.AddOpenApi(documentName, options =>
        {
            options.AddChannelManagerTransformers();
            configure?.Invoke(options);
        });
    }

    /// <summary>
    /// Teaches the host's JSON options (<c>ConfigureHttpJsonOptions</c>, which the OpenAPI schema generator reads)
    /// the API's contract types as the API really writes them (snake_case, strict numbers). Only those types are
    /// affected; the host's own types keep the host's settings. Called by <c>AddHttpEndpoints()</c> and
    /// <see cref="AddChannelManagerOpenApi"/>; calling it again changes nothing.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddChannelManagerJsonSchemas(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.ConfigureHttpJsonOptions(o =>
        {
            var chain = o.SerializerOptions.TypeInfoResolverChain;
            if (!chain.Contains(ChannelManager.AspNetCore.OpenApi.ChannelManagerContractsJsonResolver.Instance))
            {
                chain.Insert(0, ChannelManager.AspNetCore.OpenApi.ChannelManagerContractsJsonResolver.Instance);
            }
        });
    }
}
