using System.Text.Json.Serialization;

namespace ChannelManager.AspNetCore.Contracts;

/// <summary>
/// Source-generated JSON for the API's own bodies (snake_case, nulls written), independent of the host's global
/// JSON options so that the wire format is the same in every host.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    MaxDepth = 32)]
[JsonSerializable(typeof(CreateConnectionRequest))]
[JsonSerializable(typeof(UpdateConnectionRequest))]
[JsonSerializable(typeof(SyncRequest))]
[JsonSerializable(typeof(ConnectionResponse))]
[JsonSerializable(typeof(ConnectionListResponse))]
[JsonSerializable(typeof(ConnectionTestResponse))]
[JsonSerializable(typeof(SyncResponse))]
[JsonSerializable(typeof(SyncLogListResponse))]
[JsonSerializable(typeof(WebhookAcceptedResponse))]
[JsonSerializable(typeof(WebhookHealthResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(DeadLetterListResponse))]
[JsonSerializable(typeof(DeadLetterReplayResponse))]
[JsonSerializable(typeof(ConflictResponse))]
[JsonSerializable(typeof(ConflictListResponse))]
[JsonSerializable(typeof(ResolveConflictRequest))]
[JsonSerializable(typeof(UnmappedReservationResponse))]
[JsonSerializable(typeof(UnmappedReservationListResponse))]
internal sealed partial class ChannelManagerJsonContext : JsonSerializerContext;
