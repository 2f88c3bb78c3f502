using System.Globalization;
using System.Text.Json;
using ChannelManager.Connections;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.Google.PubSub;

/// <summary>
/// Parses a Pub/Sub push body (the default wrapped format, platforms.md §5):
/// <c>{"message":{"attributes":{…},"data":"&lt;base64&gt;","messageId","message_id","publishTime"},"subscription","deliveryAttempt"?}</c>.
/// Delivery id = <c>messageId</c> (else <c>message_id</c>): the inbox deduplicates redeliveries by it. Google delivers
/// no reservations through this flow, so a notification never carries one: kind <see cref="WebhookNotificationKind.Test"/>
/// when the event type attribute names a test or ping, else <see cref="WebhookNotificationKind.Other"/>. The listing is
/// read from the attributes (or a JSON <c>data</c> object): <c>hotel_id</c>, <c>partner_hotel_id</c>, <c>listing_id</c>.
/// </summary>
internal static class PubSubEnvelopeParser
{
    private static readonly string[] EventTypeNames = ["eventType", "event_type", "type"];
    private static readonly string[] ListingNames = ["hotel_id", "partner_hotel_id", "partnerHotelId", "listing_id", "hotelId"];

    public static WebhookNotification Parse(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.Body);
        }
        catch (JsonException ex)
        {
            throw new WebhookFormatException($"The Pub/Sub push body is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookFormatException("The Pub/Sub push body has no message object.");
            }

            var messageId = Text(message, "messageId") ?? Text(message, "message_id")
                ?? throw new WebhookFormatException("The Pub/Sub message has no messageId.");
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            if (message.TryGetProperty("attributes", out var attrs))
            {
                if (attrs.ValueKind != JsonValueKind.Object)
                {
                    throw new WebhookFormatException("The Pub/Sub message's attributes are not an object.");
                }

                foreach (var attribute in attrs.EnumerateObject())
                {
                    if (attribute.Value.ValueKind != JsonValueKind.String)
                    {
                        throw new WebhookFormatException($"The Pub/Sub attribute {attribute.Name} is not a string.");
                    }

                    attributes[attribute.Name] = attribute.Value.GetString()!;
                }
            }

            byte[] data = [];
            if (message.TryGetProperty("data", out var dataElement) && dataElement.ValueKind != JsonValueKind.Null)
            {
                if (dataElement.ValueKind != JsonValueKind.String)
                {
                    throw new WebhookFormatException("The Pub/Sub message's data is not a base64 string.");
                }

                try
                {
                    data = Convert.FromBase64String(dataElement.GetString()!);
                }
                catch (FormatException ex)
                {
                    throw new WebhookFormatException("The Pub/Sub message's data is not valid base64.", ex);
                }
            }

            var eventType = EventTypeNames.Select(n => attributes.GetValueOrDefault(n)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
            var listing = ListingNames.Select(n => attributes.GetValueOrDefault(n)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim() ?? ListingFromData(data);
            var lower = eventType?.ToLowerInvariant() ?? string.Empty;
            return new WebhookNotification
            {
                Platform = Platform.Google,
                DeliveryId = messageId,
                Kind = lower.Contains("test", StringComparison.Ordinal) || lower.Contains("ping", StringComparison.Ordinal) ? WebhookNotificationKind.Test : WebhookNotificationKind.Other,
                ListingId = listing,
                ConfirmationCode = null,
                Reservation = null,
                PlatformEventName = eventType ?? Text(root, "subscription"),
            };
        }
    }

    /// <summary>The listing named by a JSON object in <c>data</c>, if it is one.</summary>
    private static string? ListingFromData(byte[] data)
    {
        if (data.Length == 0 || data[0] != (byte)'{')
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(data);
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? ListingNames.Select(n => Text(json.RootElement, n)).FirstOrDefault(v => v is not null)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()?.Trim() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number when value.TryGetInt64(out var n) => n.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
    }
}
