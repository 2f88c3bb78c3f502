using ChannelManager.AspNetCore.OpenApi;

#pragma warning disable IDE0130 // Extension methods live in the routing namespace, by convention.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>OpenAPI annotations that leave the route's behaviour alone.</summary>
public static class ChannelManagerOpenApiRouteHandlerBuilderExtensions
{
    /// <summary>
    /// Documents the request body a handler reads itself (from <c>HttpContext.Request</c>) as <typeparamref name="TBody"/>.
    /// Unlike <c>.Accepts&lt;T&gt;()</c>, it adds no content-type constraint to routing: a body of another type still
    /// reaches the handler, which answers with its own problem details. Rendered by
    /// <c>options.AddChannelManagerTransformers()</c>.
    /// </summary>
    /// <typeparam name="TBody">The body's type.</typeparam>
    /// <param name="builder">The route.</param>
    /// <param name="required">Whether the body is required.</param>
    /// <param name="contentTypes">The media types accepted; <c>application/json</c> when none is given.</param>
    /// <returns>The route.</returns>
    public static RouteHandlerBuilder DescribesRequestBody<TBody>(this RouteHandlerBuilder builder, bool required = true, params string[] contentTypes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(contentTypes);
        return builder.WithMetadata(new RequestBodyDescription(typeof(TBody), required, contentTypes.Length == 0 ? ["application/json"] : [.. contentTypes]));
    }
}
