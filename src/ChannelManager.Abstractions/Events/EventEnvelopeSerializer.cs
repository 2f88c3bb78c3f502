using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ChannelManager.Events;

/// <summary>
/// Reads and writes <see cref="EventEnvelope"/> as JSON:
/// <c>{"event_id","type","tenant_id","property_id","occurred_at","version","payload":{…}}</c>, payload fields in snake_case,
/// plus <c>traceparent</c> and <c>tracestate</c> (W3C trace context) when the envelope carries them.
/// Used by every bus transport, the outbox and the HTTP surface, so the wire format is the same everywhere. Written
/// with <see cref="Utf8JsonWriter"/> and read in one pass with <see cref="Utf8JsonReader"/> (the payload with cached
/// type metadata): this is on the hot path of every event.
/// </summary>
public static class EventEnvelopeSerializer
{
    /// <summary>Longer trace headers are dropped on reading (W3C caps <c>tracestate</c> at 512 characters).</summary>
    private const int MaxTraceHeaderLength = 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static readonly JsonSerializerOptions Options = CreateOptions();
    private static readonly JsonTypeInfo BookingConfirmedInfo = Options.GetTypeInfo(typeof(BookingConfirmed));
    private static readonly JsonTypeInfo BookingCancelledInfo = Options.GetTypeInfo(typeof(BookingCancelled));
    private static readonly JsonTypeInfo BookingModifiedInfo = Options.GetTypeInfo(typeof(BookingModified));
    private static readonly JsonTypeInfo PricingUpdatedInfo = Options.GetTypeInfo(typeof(PricingUpdated));
    private static readonly JsonTypeInfo AvailabilityUpdatedInfo = Options.GetTypeInfo(typeof(AvailabilityUpdated));

    /// <summary>The JSON options used for payloads (snake_case, ISO dates, strict numbers, unknown fields skipped).</summary>
    public static JsonSerializerOptions PayloadOptions => Options;

    /// <summary>The payload type for an event type name.</summary>
    /// <param name="eventType">The event type, e.g. <c>booking.confirmed</c>.</param>
    /// <returns>The payload's CLR type, or <see langword="null"/> for an unknown type.</returns>
    public static Type? PayloadTypeOf(string eventType) => TypeInfoOf(eventType)?.Type;

    /// <summary>Writes an envelope as UTF-8 JSON.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] Serialize(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var typeInfo = TypeInfoOf(envelope.Type) ?? throw new ArgumentException($"Unknown event type '{envelope.Type}'.", nameof(envelope));
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(buffer);
        }
        else
        {
            writer.Reset(buffer);
        }

        writer.WriteStartObject();
        writer.WriteString("event_id"u8, envelope.EventId);
        writer.WriteString("type"u8, envelope.Type);
        writer.WriteString("tenant_id"u8, envelope.TenantId);
        writer.WriteString("property_id"u8, envelope.PropertyId);
        writer.WriteString("occurred_at"u8, envelope.OccurredAt);
        writer.WriteNumber("version"u8, envelope.Version);
        if (envelope.TraceParent is { } traceParent)
        {
            writer.WriteString("traceparent"u8, traceParent);
            if (envelope.TraceState is { Length: > 0 } traceState)
            {
                writer.WriteString("tracestate"u8, traceState);
            }
        }

        writer.WritePropertyName("payload"u8);
        JsonSerializer.Serialize(writer, envelope.Payload, typeInfo);
        writer.WriteEndObject();
        writer.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 64 * 1024)
        {
            t_buffer = null;
            t_writer = null;
        }

        return bytes;
    }

    /// <summary>Reads an envelope from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The JSON.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="JsonException">When the JSON is not a valid envelope.</exception>
    public static EventEnvelope Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 16 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An event envelope must be a JSON object.");
        }

        Guid? eventId = null;
        Guid? propertyId = null;
        string? type = null;
        string? tenantId = null;
        DateTimeOffset? occurredAt = null;
        long version = 0;
        string? traceParent = null, traceState = null;
        int payloadStart = -1, payloadEnd = -1;
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("payload"u8))
                {
                    reader.Read();
                    payloadStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    payloadEnd = (int)reader.BytesConsumed;
                    continue;
                }

                var name = reader.ValueSpan;
                var escaped = reader.ValueIsEscaped;
                reader.Read();
                if (escaped)
                {
                    reader.Skip();
                    continue;
                }

                if (name.SequenceEqual("event_id"u8))
                {
                    eventId = reader.GetGuid();
                }
                else if (name.SequenceEqual("type"u8))
                {
                    type = reader.GetString();
                }
                else if (name.SequenceEqual("tenant_id"u8))
                {
                    tenantId = reader.GetString();
                }
                else if (name.SequenceEqual("property_id"u8))
                {
                    propertyId = reader.GetGuid();
                }
                else if (name.SequenceEqual("occurred_at"u8))
                {
                    occurredAt = reader.GetDateTimeOffset();
                }
                else if (name.SequenceEqual("version"u8))
                {
                    version = reader.TokenType == JsonTokenType.Null ? 0 : reader.GetInt64();
                }
                else if (name.SequenceEqual("traceparent"u8))
                {
                    traceParent = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= MaxTraceHeaderLength ? reader.GetString() : null;
                }
                else if (name.SequenceEqual("tracestate"u8))
                {
                    traceState = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= MaxTraceHeaderLength ? reader.GetString() : null;
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new JsonException("The envelope has a field of the wrong type: " + ex.Message, ex);
        }

        if (type is null)
        {
            throw new JsonException("The envelope has no 'type'.");
        }

        var typeInfo = TypeInfoOf(type) ?? throw new JsonException($"Unknown event type '{type}'.");
        if (payloadStart < 0)
        {
            throw new JsonException("The envelope has no 'payload'.");
        }

        var payload = JsonSerializer.Deserialize(utf8Json[payloadStart..payloadEnd], typeInfo) as PmsEvent
            ?? throw new JsonException("The envelope's payload is null.");
        return new EventEnvelope
        {
            EventId = eventId ?? throw new JsonException("The envelope has no 'event_id'."),
            TenantId = tenantId ?? throw new JsonException("The envelope has no 'tenant_id'."),
            PropertyId = propertyId ?? throw new JsonException("The envelope has no 'property_id'."),
            OccurredAt = occurredAt ?? throw new JsonException("The envelope has no 'occurred_at'."),
            Version = version,
            Payload = payload,
            TraceParent = traceParent,
            TraceState = traceParent is null ? null : traceState,
        };
    }

    private static JsonTypeInfo? TypeInfoOf(string eventType) => eventType switch
    {
        EventTypes.BookingConfirmed => BookingConfirmedInfo,
        EventTypes.BookingCancelled => BookingCancelledInfo,
        EventTypes.BookingModified => BookingModifiedInfo,
        EventTypes.PricingUpdated => PricingUpdatedInfo,
        EventTypes.AvailabilityUpdated => AvailabilityUpdatedInfo,
        _ => null,
    };

    // Reflection-based metadata (built once, then cached): unlike source-generated metadata it keeps the payloads'
    // property initializers (e.g. Units = 1) for fields a publisher leaves out.
    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };

        // Days of the week as "monday" … "sunday" (numbers are read too).
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly();
        return options;
    }
}
