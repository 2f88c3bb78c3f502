using ChannelManager.Common;
using ChannelManager.Connections;

namespace ChannelManager.Adapters.Expedia.Ari;

/// <summary>
/// Where a connection's nights live on Expedia: property and room type (<see cref="ChannelConnection.PlatformListingId"/>,
/// <c>{property}:{room type}</c>, see <see cref="ExpediaListingIds"/>) and rate plan
/// (<see cref="ChannelConnection.PlatformMetadata"/>, keys in <see cref="ExpediaMetadataKeys"/>).
/// </summary>
internal sealed record ExpediaTarget(string HotelId, string RoomTypeId, string? RatePlanId, string? Currency)
{
    /// <summary>The connection's listing id, <c>{property}:{room type}</c>.</summary>
    public string ListingId => HotelId + ExpediaListingIds.Separator + RoomTypeId;

    /// <summary>Reads the target, with validation errors naming the missing or invalid settings.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="needsRatePlan">Whether the operation needs the rate plan (rates, restrictions).</param>
    /// <exception cref="ChannelManagerValidationException">When a setting is missing or invalid.</exception>
    public static ExpediaTarget Of(ChannelConnection connection, bool needsRatePlan)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var errors = new ValidationErrors();
        if (connection.Platform != Platform.Expedia)
        {
            errors.Add("platform", $"The connection {connection.Id} is for {connection.Platform}, not Expedia.");
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

    private static ExpediaTarget? Read(string? listingId, IReadOnlyDictionary<string, string> metadata, bool needsRatePlan, ValidationErrors errors)
    {
        var listing = listingId?.Trim() ?? string.Empty;
        var metadataRoom = Value(metadata, ExpediaMetadataKeys.RoomTypeId);
        if (!ExpediaListingIds.TryParse(listing, out var hotel, out var room))
        {
            errors.Add(
                "platform_listing_id",
                ExpediaListingIds.IsId(listing)
                    ? $"An Expedia connection is one room type of a property: write the platform listing id as {{property id}}:{{room type id}}, e.g. {listing}:{(ExpediaListingIds.IsId(metadataRoom) ? metadataRoom : "201357")}."
                    : "The Expedia platform listing id must be {property id}:{room type id}, two positive integers without leading zeros, e.g. 1234567:201357.");
        }
        else if (metadataRoom is not null && metadataRoom != room)
        {
            errors.Add(
                "platform_metadata." + ExpediaMetadataKeys.RoomTypeId,
                $"The room type id '{metadataRoom}' differs from the room type of the platform listing id ({room}); leave room_type_id out or make it equal.");
        }

        var rate = Value(metadata, ExpediaMetadataKeys.RatePlanId);
        if (rate is not null && !IsRatePlanId(rate))
        {
            errors.Add("platform_metadata." + ExpediaMetadataKeys.RatePlanId, "The Expedia rate plan id must be 1 to 32 letters and digits (e.g. 201547528A).");
        }
        else if (rate is null && needsRatePlan)
        {
            errors.Add("platform_metadata." + ExpediaMetadataKeys.RatePlanId, "The Expedia rate plan id is required in the connection's platform metadata to push rates or restrictions.");
        }

        var currency = Value(metadata, ExpediaMetadataKeys.Currency)?.ToUpperInvariant();
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            errors.Add("platform_metadata." + ExpediaMetadataKeys.Currency, "The currency must be an ISO 4217 code such as EUR.");
        }

        return errors.HasErrors ? null : new ExpediaTarget(hotel, room, rate, currency);
    }

    private static string? Value(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool IsRatePlanId(string text) =>
        text.Length is > 0 and <= 32 && text.All(char.IsAsciiLetterOrDigit);
}
