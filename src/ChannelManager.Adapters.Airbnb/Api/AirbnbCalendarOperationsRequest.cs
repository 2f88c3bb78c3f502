using System.Text.Json.Serialization;

namespace ChannelManager.Adapters.Airbnb.Api;

/// <summary>The body of <c>POST /v2/calendar_operations</c>.</summary>
internal sealed record AirbnbCalendarOperationsRequest(
    [property: JsonConverter(typeof(AirbnbListingIdConverter))] string ListingId,
    IReadOnlyList<AirbnbCalendarOperation> Operations);
