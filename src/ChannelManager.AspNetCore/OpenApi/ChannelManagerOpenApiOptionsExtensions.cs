using ChannelManager.AspNetCore.OpenApi;
using Microsoft.OpenApi;

#pragma warning disable IDE0130 // Extension methods live in the namespace of the options they extend, by convention.
namespace Microsoft.AspNetCore.OpenApi;
#pragma warning restore IDE0130

/// <summary>ChannelManager's transformers for a host's OpenAPI document.</summary>
public static class ChannelManagerOpenApiOptionsExtensions
{
    /// <summary>
    /// Adds ChannelManager's document, operation and schema transformers: tag descriptions and the API's conventions
    /// (snake_case, RFC 7807 problems, paging), examples for the main operations (taken from the reference's contract),
    /// the fixed sets of names (platforms, statuses, sync types) as enums, GUID formats of ids, and 401/403 problem
    /// responses on every operation the host secures (<c>RequireAuthorization</c>). The schemas are snake_case when the
    /// host's JSON options know the API's contracts, which <c>AddHttpEndpoints()</c> ensures.
    /// </summary>
    /// <param name="options">The document's options.</param>
    /// <returns>The options.</returns>
    public static OpenApiOptions AddChannelManagerTransformers(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer(new ChannelManagerDocumentTransformer());
        options.AddOperationTransformer(new ChannelManagerOperationTransformer());
        options.AddSchemaTransformer(new ChannelManagerSchemaTransformer());
        return options;
    }

    /// <summary>
    /// Declares <paramref name="scheme"/> under <paramref name="name"/> in the document's components and requires it
    /// on every operation whose endpoint requires authorization (and is not <c>AllowAnonymous</c>); anonymous routes
    /// (webhooks, feeds, health) stay without it. Calling this for several schemes makes them alternatives.
    /// </summary>
    /// <param name="options">The document's options.</param>
    /// <param name="name">The scheme's key in <c>components.securitySchemes</c>.</param>
    /// <param name="scheme">The scheme (e.g. HTTP bearer, or an API key header).</param>
    /// <returns>The options.</returns>
    public static OpenApiOptions AddSecuritySchemeForAuthorizedEndpoints(this OpenApiOptions options, string name, OpenApiSecurityScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(scheme);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
            document.Components.SecuritySchemes[name] = scheme;
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (EndpointAuthorization.IsRequired(context.Description.ActionDescriptor.EndpointMetadata))
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(name, context.Document)] = [] });
            }

            return Task.CompletedTask;
        });
        return options;
    }
}
