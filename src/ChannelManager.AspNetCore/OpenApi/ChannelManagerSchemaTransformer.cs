using System.Text.Json.Nodes;
using ChannelManager.AspNetCore.Contracts;
using ChannelManager.AspNetCore.Endpoints;
using ChannelManager.Connections;
using ChannelManager.Sync;
using ChannelManager.Unmapped;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChannelManager.AspNetCore.OpenApi;

/// <summary>
/// Completes the schemas of the API's contracts with what the types alone cannot say: the required fields of request
/// bodies (the generator takes every constructor parameter as required), and the fixed sets of names (platforms, statuses, sync types) a string property takes.
/// </summary>
internal sealed class ChannelManagerSchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly string[] ConnectionStatuses = [.. ConnectionStatusNames.All];

    private static readonly Dictionary<(Type Type, string Property), string[]> Names = new()
    {
        [(typeof(CreateConnectionRequest), "platform_type")] = [.. PlatformNames.All],
        [(typeof(CreateConnectionRequest), "status")] = ConnectionStatuses,
        [(typeof(UpdateConnectionRequest), "status")] = ConnectionStatuses,
        [(typeof(SyncRequest), "sync_type")] = [.. SyncTypeNames.All],
        [(typeof(ConnectionResponse), "platform_type")] = [.. PlatformNames.All],
        [(typeof(ConnectionResponse), "status")] = ConnectionStatuses,
        [(typeof(SyncResponse), "sync_type")] = [.. SyncTypeNames.All],
        [(typeof(SyncLogResponse), "outcome")] = [.. Enum.GetNames<SyncOutcome>().Select(n => n.ToLowerInvariant())],
        [(typeof(ConflictResponse), "status")] = ["open", "resolved"],
        [(typeof(UnmappedReservationResponse), "platform")] = [.. PlatformNames.All],
        [(typeof(UnmappedReservationResponse), "state")] = [.. UnmappedReservationNames.States],
        [(typeof(UnmappedReservationResponse), "source")] = ["webhook", "pull"],
        [(typeof(WebhookAcceptedResponse), "status")] = ["accepted", "duplicate"],
        [(typeof(WebhookPlatformHealth), "platform")] = [.. WebhookEndpoints.WebhookPlatforms.Select(p => p.ToWireName())],
        [(typeof(WebhookPlatformHealth), "status")] = ["ready", "not_configured", "not_enabled"],
    };

    private static readonly Dictionary<Type, string[]> RequiredFields = new()
    {
        [typeof(CreateConnectionRequest)] = ["property_id", "platform_type", "platform_listing_id", "access_token"],
        [typeof(SyncRequest)] = ["sync_type"],

        // Only the fields present change; the body may be left out.
        [typeof(UpdateConnectionRequest)] = [],
        [typeof(ResolveConflictRequest)] = [],
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { DeclaringType: var declaring, Name: var name } && Names.TryGetValue((declaring, name), out var names))
        {
            var nullable = schema.Type is { } type && type.HasFlag(JsonSchemaType.Null);
            schema.Description ??= "One of " + string.Join(", ", names) + (nullable ? ", or null." : ".");
            if (!nullable)
            {
                schema.Enum = [.. names.Select(n => (JsonNode)JsonValue.Create(n))];
            }
        }
        else if (context.JsonPropertyInfo is null && RequiredFields.TryGetValue(context.JsonTypeInfo.Type, out var required))
        {
            schema.Required = required.Length == 0 ? null : new HashSet<string>(required, StringComparer.Ordinal);
        }

        return Task.CompletedTask;
    }
}
