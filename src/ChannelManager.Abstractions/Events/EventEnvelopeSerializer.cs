using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChannelManager.Events;

/// <summary>
/// Reads and writes <see cref="EventEnvelope"/> as JSON:
/// <c>{"event_id","type","tenant_id","property_id","occurred_at","version","payload":{…}}</c>, payload fields in snake_case.
/// Used by every bus transport and by the HTTP surface, so the wire format is the same everywhere.
/// </summary>
public static class EventEnvelopeSerializer
{
    /// <summary>The JSON options used for payloads (snake_case, ISO dates).</summary>
    public static JsonSerializerOptions PayloadOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The payload type for an event type name.</summary>
    /// <param name="eventType">The event type, e.g. <c>booking.confirmed</c>.</param>
    /// <returns>The payload's CLR type, or <see langword="null"/> for an unknown type.</returns>
    public static Type? PayloadTypeOf(string eventType) => eventType switch
    {
        EventTypes.BookingConfirmed => typeof(BookingConfirmed),
        EventTypes.BookingCancelled => typeof(BookingCancelled),
        EventTypes.BookingModified => typeof(BookingModified),
        EventTypes.PricingUpdated => typeof(PricingUpdated),
        EventTypes.AvailabilityUpdated => typeof(AvailabilityUpdated),
        _ => null,
    };

    /// <summary>Writes an envelope as UTF-8 JSON.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] Serialize(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var node = new JsonObject
        {
            ["event_id"] = envelope.EventId,
            ["type"] = envelope.Type,
            ["tenant_id"] = envelope.TenantId,
            ["property_id"] = envelope.PropertyId,
            ["occurred_at"] = envelope.OccurredAt,
            ["version"] = envelope.Version,
            ["payload"] = JsonSerializer.SerializeToNode(envelope.Payload, envelope.Payload.GetType(), PayloadOptions),
        };
        return JsonSerializer.SerializeToUtf8Bytes(node);
    }

    /// <summary>Reads an envelope from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The JSON.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="JsonException">When the JSON is not a valid envelope.</exception>
    public static EventEnvelope Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        var node = JsonNode.Parse(utf8Json) as JsonObject ?? throw new JsonException("An event envelope must be a JSON object.");
        var type = node["type"]?.GetValue<string>() ?? throw new JsonException("The envelope has no 'type'.");
        var payloadType = PayloadTypeOf(type) ?? throw new JsonException($"Unknown event type '{type}'.");
        var payloadNode = node["payload"] ?? throw new JsonException("The envelope has no 'payload'.");
        var payload = (PmsEvent?)payloadNode.Deserialize(payloadType, PayloadOptions)
            ?? throw new JsonException("The envelope's payload is null.");
        return new EventEnvelope
        {
            EventId = node["event_id"]?.GetValue<Guid>() ?? throw new JsonException("The envelope has no 'event_id'."),
            TenantId = node["tenant_id"]?.GetValue<string>() ?? throw new JsonException("The envelope has no 'tenant_id'."),
            PropertyId = node["property_id"]?.GetValue<Guid>() ?? throw new JsonException("The envelope has no 'property_id'."),
            OccurredAt = node["occurred_at"]?.GetValue<DateTimeOffset>() ?? throw new JsonException("The envelope has no 'occurred_at'."),
            Version = node["version"]?.GetValue<long>() ?? 0,
            Payload = payload,
        };
    }
}
