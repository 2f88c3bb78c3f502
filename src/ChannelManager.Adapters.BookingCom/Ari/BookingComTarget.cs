using System.Globalization;
using ChannelManager.Common;
using ChannelManager.Connections;

namespace ChannelManager.Adapters.BookingCom.Ari;

/// <summary>
/// Where a connection's nights live on Booking.com: hotel and room type (<see cref="ChannelConnection.PlatformListingId"/>,
/// <c>{hotel}:{room}</c>, see <see cref="BookingComListingIds"/>) and rate plan (<see cref="ChannelConnection.PlatformMetadata"/>,
/// keys in <see cref="BookingComMetadataKeys"/>).
/// </summary>
internal sealed record BookingComTarget(string HotelId, string RoomId, string? RatePlanId, string? Currency, int? NumberOfGuests)
{
    /// <summary>The connection's listing id, <c>{hotel}:{room}</c>.</summary>
    public string ListingId => HotelId + BookingComListingIds.Separator + RoomId;

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

        var target = Read(connection.PlatformListingId, connection.PlatformMetadata, needsRatePlan, errors);
        errors.ThrowIfAny();
        return target!;
    }

    /// <summary>Checks a connection's listing id and metadata (the rate plan is not required here).</summary>
    /// <param name="listingId">The listing id.</param>
    /// <param name="metadata">The platform metadata.</param>
    /// <returns>The errors, keyed by wire field name.</returns>
    public static ValidationErrors Validate(string listingId, IReadOnlyDictionary<string, string> metadata)
    {
        var errors = new ValidationErrors();
        Read(listingId, metadata, needsRatePlan: false, errors);
        return errors;
    }

    private static BookingComTarget? Read(string? listingId, IReadOnlyDictionary<string, string> metadata, bool needsRatePlan, ValidationErrors errors)
    {
        var listing = listingId?.Trim() ?? string.Empty;
        if (!BookingComListingIds.TryParse(listing, out var hotel, out var room))
        {
            errors.Add(
                "platform_listing_id",
                BookingComListingIds.IsId(listing)
                    ? $"A Booking.com connection is one room type of a hotel: write the platform listing id as {{hotel id}}:{{room id}}, e.g. {listing}:{Value(metadata, BookingComMetadataKeys.RoomId) ?? "123456701"}."
                    : "The Booking.com platform listing id must be {hotel id}:{room id}, two positive integers without leading zeros, e.g. 1234567:123456701.");
        }
        else if (Value(metadata, BookingComMetadataKeys.RoomId) is { } metadataRoom && metadataRoom != room)
        {
            errors.Add(
                "platform_metadata." + BookingComMetadataKeys.RoomId,
                $"The room id '{metadataRoom}' differs from the room of the platform listing id ({room}); leave room_id out or make it equal.");
        }

        var rate = Value(metadata, BookingComMetadataKeys.RatePlanId);
        if (rate is not null && !BookingComListingIds.IsId(rate))
        {
            errors.Add("platform_metadata." + BookingComMetadataKeys.RatePlanId, "The Booking.com rate plan id must be a positive integer.");
        }
        else if (rate is null && needsRatePlan)
        {
            errors.Add("platform_metadata." + BookingComMetadataKeys.RatePlanId, "The Booking.com rate plan id is required in the connection's platform metadata to push rates or restrictions.");
        }

        var currency = Value(metadata, BookingComMetadataKeys.Currency)?.ToUpperInvariant();
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            errors.Add("platform_metadata." + BookingComMetadataKeys.Currency, "The currency must be an ISO 4217 code such as EUR.");
        }

        int? guests = null;
        if (Value(metadata, BookingComMetadataKeys.NumberOfGuests) is { } guestText)
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

        return errors.HasErrors ? null : new BookingComTarget(hotel, room, rate, currency, guests);
    }

    private static string? Value(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
