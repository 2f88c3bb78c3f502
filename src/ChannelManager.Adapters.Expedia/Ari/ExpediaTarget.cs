using ChannelManager.Common;
using ChannelManager.Connections;

namespace ChannelManager.Adapters.Expedia.Ari;

/// <summary>
/// Where a connection's nights live on Expedia: property (<see cref="ChannelConnection.PlatformListingId"/>), room type
/// and rate plan (<see cref="ChannelConnection.PlatformMetadata"/>, keys in <see cref="ExpediaMetadataKeys"/>).
/// </summary>
internal sealed record ExpediaTarget(string HotelId, string RoomTypeId, string? RatePlanId, string? Currency)
{
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

        var hotel = connection.PlatformListingId?.Trim() ?? string.Empty;
        if (!IsNumericId(hotel))
        {
            errors.Add("platform_listing_id", "The Expedia property id (a positive integer) is required as the connection's platform listing id.");
        }

        var room = Value(connection, ExpediaMetadataKeys.RoomTypeId);
        if (room is null || !IsNumericId(room))
        {
            errors.Add("platform_metadata." + ExpediaMetadataKeys.RoomTypeId, "The Expedia room type id (a positive integer) is required in the connection's platform metadata.");
        }

        var rate = Value(connection, ExpediaMetadataKeys.RatePlanId);
        if (rate is not null && !IsRatePlanId(rate))
        {
            errors.Add("platform_metadata." + ExpediaMetadataKeys.RatePlanId, "The Expedia rate plan id must be 1 to 32 letters and digits (e.g. 201547528A).");
        }
        else if (rate is null && needsRatePlan)
        {
            errors.Add("platform_metadata." + ExpediaMetadataKeys.RatePlanId, "The Expedia rate plan id is required in the connection's platform metadata to push rates or restrictions.");
        }

        var currency = Value(connection, ExpediaMetadataKeys.Currency)?.ToUpperInvariant();
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            errors.Add("platform_metadata." + ExpediaMetadataKeys.Currency, "The currency must be an ISO 4217 code such as EUR.");
        }

        errors.ThrowIfAny();
        return new ExpediaTarget(hotel, room!, rate, currency);
    }

    private static string? Value(ChannelConnection connection, string key) =>
        connection.PlatformMetadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool IsNumericId(string text) =>
        text.Length is > 0 and <= 18 && text.All(char.IsAsciiDigit) && text[0] != '0';

    private static bool IsRatePlanId(string text) =>
        text.Length is > 0 and <= 32 && text.All(char.IsAsciiLetterOrDigit);
}
