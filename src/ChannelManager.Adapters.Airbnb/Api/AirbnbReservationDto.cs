using System.Text.Json.Serialization;

namespace ChannelManager.Adapters.Airbnb.Api;

/// <summary>
/// A reservation as Airbnb sends it, in the API and in webhooks (field names of platforms.md §2, pre-2024.12.31
/// schema). <c>currency</c> and <c>updated_at</c> are ASSUMED (in no public source).
/// </summary>
internal sealed record AirbnbReservationDto
{
    public string? ConfirmationCode { get; init; }

    [JsonConverter(typeof(AirbnbListingIdConverter))]
    public string? ListingId { get; init; }

    /// <summary>The check-in day, <c>YYYY-MM-DD</c>.</summary>
    public string? StartDate { get; init; }

    public int? Nights { get; init; }

    public int? NumberOfGuests { get; init; }

    public string? StatusType { get; init; }

    public string? GuestFirstName { get; init; }

    public string? GuestLastName { get; init; }

    public string? GuestEmail { get; init; }

    public IReadOnlyList<string>? GuestPhoneNumbers { get; init; }

    /// <summary>A decimal sent as a string (<c>"512.30"</c>); a number is accepted too.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public decimal? ExpectedPayoutAmountAccurate { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public decimal? ListingBasePriceAccurate { get; init; }

    public string? Currency { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }
}
