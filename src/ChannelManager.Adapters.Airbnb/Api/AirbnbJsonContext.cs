using System.Text.Json.Serialization;

namespace ChannelManager.Adapters.Airbnb.Api;

/// <summary>Source-generated JSON for Airbnb's snake_case wire format. Decimals are written and read without doubles.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(AirbnbCalendarOperationsRequest))]
[JsonSerializable(typeof(AirbnbCalendarOperationsResponse))]
[JsonSerializable(typeof(AirbnbListingEnvelope))]
[JsonSerializable(typeof(AirbnbCalendarEnvelope))]
[JsonSerializable(typeof(AirbnbReservationEnvelope))]
[JsonSerializable(typeof(AirbnbReservationsPage))]
[JsonSerializable(typeof(AirbnbErrorResponse))]
[JsonSerializable(typeof(AirbnbRefreshTokenRequest))]
[JsonSerializable(typeof(AirbnbAuthorization))]
[JsonSerializable(typeof(AirbnbWebhookPayload))]
internal sealed partial class AirbnbJsonContext : JsonSerializerContext;
