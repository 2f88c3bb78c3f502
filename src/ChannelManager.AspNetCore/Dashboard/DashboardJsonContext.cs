using System.Text.Json.Serialization;
using ChannelManager.AspNetCore.Contracts;

namespace ChannelManager.AspNetCore.Dashboard;

/// <summary>Source-generated JSON for the live-status events: the API's own shapes (snake_case), independent of the host's JSON options.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DashboardReadyEvent))]
[JsonSerializable(typeof(DashboardRemovedEvent))]
[JsonSerializable(typeof(SyncLogResponse))]
[JsonSerializable(typeof(ConnectionResponse))]
[JsonSerializable(typeof(ConflictResponse))]
[JsonSerializable(typeof(DeadLetterResponse))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
