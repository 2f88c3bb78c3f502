using System.Text.Json.Serialization;

namespace ChannelManager.Adapters.Airbnb.Api;

/// <summary><c>{"calendar_operation":{…}}</c>.</summary>
internal sealed record AirbnbCalendarOperationsResponse(AirbnbCalendarOperationResult? CalendarOperation);

/// <summary>The result of a calendar operations call.</summary>
internal sealed record AirbnbCalendarOperationResult(
    [property: JsonConverter(typeof(AirbnbListingIdConverter))] string? ListingId,
    int? OperationsApplied);

/// <summary><c>{"calendar":{"listing_id":…,"days":[…]}}</c>: <c>GET /v2/calendars/{listing_id}/{start}/{end}</c> (end inclusive).</summary>
internal sealed record AirbnbCalendarEnvelope(AirbnbCalendar? Calendar);

/// <summary>A listing's calendar.</summary>
internal sealed record AirbnbCalendar(
    [property: JsonConverter(typeof(AirbnbListingIdConverter))] string? ListingId,
    IReadOnlyList<AirbnbCalendarDay>? Days);

/// <summary>One day of a listing's calendar, as read back.</summary>
internal sealed record AirbnbCalendarDay(
    string? Date,
    string? Availability,
    decimal? DailyPrice,
    int? AvailableCount,
    int? MinNights,
    int? MaxNights,
    bool? ClosedToArrival,
    bool? ClosedToDeparture);

/// <summary><c>{"listing":{"id":…}}</c>.</summary>
internal sealed record AirbnbListingEnvelope(AirbnbListing? Listing);

/// <summary>A listing (only what the adapter reads).</summary>
internal sealed record AirbnbListing([property: JsonConverter(typeof(AirbnbListingIdConverter))] string? Id);

/// <summary><c>{"reservation":{…}}</c>.</summary>
internal sealed record AirbnbReservationEnvelope(AirbnbReservationDto? Reservation);

/// <summary><c>{"reservations":[…],"metadata":{…}}</c>.</summary>
internal sealed record AirbnbReservationsPage(IReadOnlyList<AirbnbReservationDto>? Reservations, AirbnbPageMetadata? Metadata);

/// <summary>Paging metadata of a list.</summary>
internal sealed record AirbnbPageMetadata(
    [property: JsonPropertyName("_limit")] int? Limit,
    [property: JsonPropertyName("_offset")] int? Offset,
    [property: JsonPropertyName("_total")] int? Total);

/// <summary>Airbnb's error body.</summary>
internal sealed record AirbnbErrorResponse(int? ErrorCode, string? ErrorType, string? ErrorMessage, IReadOnlyList<AirbnbErrorDetail>? ErrorDetails);

/// <summary>One entry of <c>error_details</c>.</summary>
internal sealed record AirbnbErrorDetail(string? ErrorMessage, string? ErrorReason);
