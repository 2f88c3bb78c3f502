using System.Text.Json;
using System.Text.Json.Serialization;
using ChannelManager.Webhooks;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>The JSON the store writes into <c>jsonb</c> columns (snake_case, enums by name, dates as yyyy-MM-dd).</summary>
internal static class PostgresJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters =
        {
            new DateRangeJsonConverter(),
            new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false),
        },
    };

    public static string SerializeNotification(WebhookNotification notification) =>
        JsonSerializer.Serialize(notification, Options);

    public static WebhookNotification DeserializeNotification(string json) =>
        JsonSerializer.Deserialize<WebhookNotification>(json, Options)
        ?? throw new JsonException("A stored webhook notification is null.");

    public static string SerializeMetadata(IReadOnlyDictionary<string, string> metadata) =>
        JsonSerializer.Serialize(metadata, Options);

    public static Dictionary<string, string> DeserializeMetadata(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options) ?? [], StringComparer.Ordinal);
}
