using System.Text.Json.Serialization;

namespace ChannelManager.SampleHost.Pms;

// The sample PMS's answers, snake_case like the library's API whatever the host's JSON naming policy (so that the
// OpenAPI document, generated from the host's JSON options, shows them as they are written).

/// <summary>The answer of <c>POST /pms/events</c>: the event was published.</summary>
internal sealed record PmsEventPublished(
    [property: JsonPropertyName("event_id")] Guid EventId,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("status")] string Status);

/// <summary>A booking the channel manager imported into the sample PMS (no guest contact data).</summary>
internal sealed record PmsImportedBooking(
    [property: JsonPropertyName("idempotency_key")] string IdempotencyKey,
    [property: JsonPropertyName("booking_id")] string BookingId,
    [property: JsonPropertyName("property_id")] Guid PropertyId,
    [property: JsonPropertyName("connection_id")] Guid ConnectionId,
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("confirmation_code")] string? ConfirmationCode,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("check_in")] DateOnly CheckIn,
    [property: JsonPropertyName("check_out")] DateOnly CheckOut,
    [property: JsonPropertyName("guest")] string? Guest,
    [property: JsonPropertyName("overbooked")] bool Overbooked);

/// <summary>One night of a property's calendar in the ledger.</summary>
internal sealed record PmsCalendarNight(
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("available_units")] int AvailableUnits,
    [property: JsonPropertyName("bookable")] bool Bookable,
    [property: JsonPropertyName("rate")] decimal? Rate,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("min_stay")] int? MinStay);

/// <summary>The export feed URL of an iCal connection.</summary>
internal sealed record PmsICalFeedUrl(
    [property: JsonPropertyName("connection_id")] Guid ConnectionId,
    [property: JsonPropertyName("url")] Uri Url);
