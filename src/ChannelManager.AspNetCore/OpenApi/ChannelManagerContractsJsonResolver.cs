using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChannelManager.AspNetCore.Contracts;

namespace ChannelManager.AspNetCore.OpenApi;

/// <summary>
/// Describes the API's own bodies to the host's JSON options (which the OpenAPI schema generator reads) exactly as
/// <see cref="ChannelManagerJsonContext"/> writes them: snake_case property names and strict numbers, whatever naming
/// policy or number handling the host chose for its own types. Answers only for the API's contract types.
/// </summary>
internal static class ChannelManagerContractsJsonResolver
{
    /// <summary>The resolver to put first in the host's <c>TypeInfoResolverChain</c>.</summary>
    public static IJsonTypeInfoResolver Instance { get; } = ChannelManagerJsonContext.Default.WithAddedModifier(AsTheApiWritesIt);

    private static readonly JsonNamingPolicy Names = JsonNamingPolicy.SnakeCaseLower;

    private static void AsTheApiWritesIt(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        typeInfo.NumberHandling = JsonNumberHandling.Strict;
        foreach (var property in typeInfo.Properties)
        {
            // The host's policy already ran (camelCase, PascalCase or none); snake_case of any of them is the wire name.
            property.Name = Names.ConvertName(property.Name);
            property.NumberHandling = JsonNumberHandling.Strict;
        }
    }
}
