using System.Globalization;
using ChannelManager.Common;
using ChannelManager.Connections;

namespace ChannelManager.Adapters.BookingCom.Ari;

/// <summary>
/// Where a connection's nights live on Booking.com: hotel (<see cref="ChannelConnection.PlatformListingId"/>), room
/// type and rate plan (<see cref="ChannelConnection.PlatformMetadata"/>, keys in <see cref="BookingComMetadataKeys"/>).
/// </summary>
internal sealed record BookingComTarget(string HotelId, string RoomId, string? RatePlanId, string? Currency, int? NumberOfGuests)
{
    /// <summary>Reads the target, with validation errors naming the missing or invalid settings.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="needsRatePlan">Whether the operation needs the rate plan (rates, restrictions).</param>
    /// <exception cref="ChannelManagerValidationException">When a setting is missing or invalid.</exception>
    public static BookingComTarget Of(ChannelConnection connection, bool needsRatePlan)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var errors = new ValidationErrors();
        if (connection.Platform != Platform.BookingCom)
        {
            errors.Add("platform", $"The connection {connection.Id} is for {connection.Platform}, not Booking.com.");
        }

        var hotel = connection.PlatformListingId?.Trim() ?? string.Empty;
        if (!IsId(hotel))
        {
            errors.Add("platform_listing_id", "The Booking.com hotel id (a positive integer) is required as the connection's platform listing id.");
        }

        var room = Value(connection, BookingComMetadataKeys.RoomId);
        if (room is null || !IsId(room))
        {
            errors.Add("platform_metadata." + BookingComMetadataKeys.RoomId, "The Booking.com room id (a positive integer) is required in the connection's platform metadata.");
        }

        var rate = Value(connection, BookingComMetadataKeys.RatePlanId);
        if (rate is not null && !IsId(rate))
        {
            errors.Add("platform_metadata." + BookingComMetadataKeys.RatePlanId, "The Booking.com rate plan id must be a positive integer.");
        }
        else if (rate is null && needsRatePlan)
        {
            errors.Add("platform_metadata." + BookingComMetadataKeys.RatePlanId, "The Booking.com rate plan id is required in the connection's platform metadata to push rates or restrictions.");
        }

        var currency = Value(connection, BookingComMetadataKeys.Currency)?.ToUpperInvariant();
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            errors.Add("platform_metadata." + BookingComMetadataKeys.Currency, "The currency must be an ISO 4217 code such as EUR.");
        }

        int? guests = null;
        if (Value(connection, BookingComMetadataKeys.NumberOfGuests) is { } guestText)
        {
            if (int.TryParse(guestText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 99)
            {
                guests = n;
            }
            else
            {
                errors.Add("platform_metadata." + BookingComMetadataKeys.NumberOfGuests, "The number of guests must be an integer from 1 to 99.");
            }
        }

        errors.ThrowIfAny();
        return new BookingComTarget(hotel, room!, rate, currency, guests);
    }

    private static string? Value(ChannelConnection connection, string key) =>
        connection.PlatformMetadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool IsId(string text) =>
        text.Length is > 0 and <= 18 && text.All(char.IsAsciiDigit) && text[0] != '0';
}
