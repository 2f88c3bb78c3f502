namespace ChannelManager.AspNetCore.OpenApi;

/// <summary>
/// Endpoint metadata naming the body a handler reads itself, for the OpenAPI document only. Unlike
/// <c>IAcceptsMetadata</c> (<c>.Accepts&lt;T&gt;()</c>), routing ignores it, so a body of another content type still
/// reaches the handler and gets the handler's own problem answer instead of routing's bare 415.
/// </summary>
/// <param name="BodyType">The body's type (its schema).</param>
/// <param name="Required">Whether the body is required.</param>
/// <param name="ContentTypes">The media types accepted.</param>
internal sealed record RequestBodyDescription(Type BodyType, bool Required, IReadOnlyList<string> ContentTypes);
