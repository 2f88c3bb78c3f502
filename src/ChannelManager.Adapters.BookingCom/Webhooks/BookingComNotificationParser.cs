using System.Globalization;
using System.Text.Json;
using ChannelManager.Connections;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.BookingCom.Webhooks;

/// <summary>
/// Parses a Connectivity Notification Service call <c>{"metadata":{"uuid","type","payloadVersion"},"payload":{…}}</c>.
/// Notifications are alerts, not data (platforms.md §1): a notification never carries a reservation, and any type
/// other than a test tells ChannelManager to pull the reservation queue of the hotel it names (through any of its rooms'
/// connections: the queue is the hotel's). Types are ASSUMED
/// (none is confirmed): containing <c>test</c> or <c>ping</c> → test; containing <c>cancel</c> → cancelled; containing
/// <c>new</c> or <c>creat</c> → created; anything else → modified (pull anyway: the queue is the source of truth).
/// </summary>
internal static class BookingComNotificationParser
{
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
            throw new WebhookFormatException($"The Booking.com notification is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookFormatException("The Booking.com notification has no metadata object.");
            }

            var type = Text(metadata, "type") ?? throw new WebhookFormatException("The Booking.com notification has no metadata.type.");
            var payload = root.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var lower = type.ToLowerInvariant();
            var kind = lower.Contains("test", StringComparison.Ordinal) || lower.Contains("ping", StringComparison.Ordinal) ? WebhookNotificationKind.Test
                : lower.Contains("cancel", StringComparison.Ordinal) ? WebhookNotificationKind.ReservationCancelled
                : lower.Contains("new", StringComparison.Ordinal) || lower.Contains("creat", StringComparison.Ordinal) ? WebhookNotificationKind.ReservationCreated
                : WebhookNotificationKind.ReservationModified;
            return new WebhookNotification
            {
                Platform = Platform.BookingCom,
                DeliveryId = Text(metadata, "uuid"),
                Kind = kind,
                ListingId = payload.ValueKind == JsonValueKind.Object ? Listing(payload) : null,
                ConfirmationCode = payload.ValueKind == JsonValueKind.Object ? Text(payload, "reservation_id") ?? Text(payload, "reservationId") : null,
                Reservation = null,
                PlatformEventName = type,
            };
        }
    }

    /// <summary>
    /// The hotel (<c>hotel_id</c>, <c>property_id</c>, <c>hotelId</c>), or <c>{hotel}:{room}</c> when the payload also
    /// names a room (<c>room_id</c>, <c>room_type_id</c>, <c>roomId</c>). A hotel alone reaches any of its rooms'
    /// connections: they share the hotel's reservation queue.
    /// </summary>
    private static string? Listing(JsonElement payload)
    {
        var hotel = Text(payload, "hotel_id") ?? Text(payload, "property_id") ?? Text(payload, "hotelId");
        var room = Text(payload, "room_id") ?? Text(payload, "room_type_id") ?? Text(payload, "roomId");
        return hotel is not null && room is not null && BookingComListingIds.TryParse(hotel + BookingComListingIds.Separator + room, out _, out _)
            ? hotel + BookingComListingIds.Separator + room
            : hotel;
    }

    /// <summary>A string or integer property as text.</summary>
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
