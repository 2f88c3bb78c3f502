using System.Globalization;
using ChannelManager.Common;
using ChannelManager.Connections;

namespace ChannelManager.Adapters.Google.Ari;

/// <summary>Where a connection's nights go on Google: property (<c>HotelCode</c>), room (<c>InvTypeCode</c>), package (<c>RatePlanCode</c>).</summary>
internal sealed record GoogleTarget(string HotelCode, string RoomId, string? RatePlanId, string? Currency, int? NumberOfGuests)
{
    /// <summary>Reads the connection, or throws <see cref="ChannelManagerValidationException"/> naming the missing or invalid settings.</summary>
    public static GoogleTarget Of(ChannelConnection connection, bool needsRatePlan)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var errors = new ValidationErrors();
        if (connection.Platform != Platform.Google)
        {
            errors.Add("platform", $"The connection {connection.Id} is for {connection.Platform}, not Google.");
        }

        var hotel = connection.PlatformListingId?.Trim() ?? string.Empty;
        if (!IsCode(hotel))
        {
            errors.Add("platform_listing_id", "The Google partner property id (HotelCode: 1-255 characters, no spaces or control characters) is required as the connection's platform listing id.");
        }

        var room = Value(connection, GoogleMetadataKeys.RoomId) ?? hotel;
        if (!IsCode(room))
        {
            errors.Add("platform_metadata." + GoogleMetadataKeys.RoomId, "The room id must be 1-255 characters without spaces or control characters.");
        }

        var rate = Value(connection, GoogleMetadataKeys.RatePlanId);
        if (rate is not null && !IsCode(rate))
        {
            errors.Add("platform_metadata." + GoogleMetadataKeys.RatePlanId, "The package id must be 1-255 characters without spaces or control characters.");
        }
        else if (rate is null && needsRatePlan)
        {
            errors.Add("platform_metadata." + GoogleMetadataKeys.RatePlanId, "The Google package id (RatePlanCode) is required in the connection's platform metadata to push rates or restrictions.");
        }

        var currency = Value(connection, GoogleMetadataKeys.Currency)?.ToUpperInvariant();
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            errors.Add("platform_metadata." + GoogleMetadataKeys.Currency, "The currency must be an ISO 4217 code such as EUR.");
        }

        int? guests = null;
        if (Value(connection, GoogleMetadataKeys.NumberOfGuests) is { } guestText)
        {
            if (int.TryParse(guestText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 99)
            {
                guests = n;
            }
            else
            {
                errors.Add("platform_metadata." + GoogleMetadataKeys.NumberOfGuests, "The number of guests must be an integer from 1 to 99.");
            }
        }

        errors.ThrowIfAny();
        return new GoogleTarget(hotel, room, rate, currency, guests);
    }

    private static string? Value(ChannelConnection connection, string key) =>
        connection.PlatformMetadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool IsCode(string text) =>
        text.Length is > 0 and <= 255 && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
