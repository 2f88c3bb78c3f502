using System.Text.Json.Serialization;

namespace ChannelManager.Adapters.Airbnb.Api;

/// <summary>A notification Airbnb posts: <c>{"action", "reservation":{…}}</c> (some actions carry only <c>listing_id</c>).</summary>
internal sealed record AirbnbWebhookPayload
{
    public string? Action { get; init; }

    public AirbnbReservationDto? Reservation { get; init; }

    [JsonConverter(typeof(AirbnbListingIdConverter))]
    public string? ListingId { get; init; }
}
