using ChannelManager.Common;
using ChannelManager.Connections;

namespace ChannelManager.Adapters.FewoDirekt.Feeds;

/// <summary>
/// Where a connection's nights live: listing (<see cref="ChannelConnection.PlatformListingId"/> =
/// <c>listingExternalId</c>), unit, advertiser and currency (<see cref="ChannelConnection.PlatformMetadata"/>, keys in
/// <see cref="FewoDirektMetadataKeys"/>).
/// </summary>
internal sealed record FewoDirektTarget(string ListingId, string UnitId, string AdvertiserId, string? Currency)
{
    private const int MaxIdLength = 100;

    /// <summary>Reads the target, with validation errors naming the missing or invalid settings.</summary>
    /// <exception cref="ChannelManagerValidationException">When a setting is missing or invalid.</exception>
    public static FewoDirektTarget Of(ChannelConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var errors = new ValidationErrors();
        if (connection.Platform != Platform.FewoDirekt)
        {
            errors.Add("platform", $"The connection {connection.Id} is for {connection.Platform}, not FeWo-direkt.");
        }

        var listing = connection.PlatformListingId?.Trim() ?? string.Empty;
        if (!IsId(listing))
        {
            errors.Add("platform_listing_id", "The listing's listingExternalId (1-100 printable characters, no '/') is required as the connection's platform listing id.");
        }

        var unit = Value(connection, FewoDirektMetadataKeys.UnitExternalId) ?? listing;
        if (!IsId(unit))
        {
            errors.Add("platform_metadata." + FewoDirektMetadataKeys.UnitExternalId, "The unitExternalId must have 1-100 printable characters, no '/'.");
        }

        var advertiser = Value(connection, FewoDirektMetadataKeys.AdvertiserId);
        if (advertiser is not null && !IsId(advertiser))
        {
            errors.Add("platform_metadata." + FewoDirektMetadataKeys.AdvertiserId, "The advertiserAssignedId must have 1-100 printable characters, no '/'.");
        }
        else if (advertiser is null)
        {
            errors.Add("platform_metadata." + FewoDirektMetadataKeys.AdvertiserId, "The advertiserAssignedId is required in the connection's platform metadata: the feeds list listings per advertiser.");
        }

        var currency = Value(connection, FewoDirektMetadataKeys.Currency)?.ToUpperInvariant();
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            errors.Add("platform_metadata." + FewoDirektMetadataKeys.Currency, "The currency must be an ISO 4217 code such as EUR.");
        }

        errors.ThrowIfAny();
        return new FewoDirektTarget(listing, unit, advertiser!, currency);
    }

    /// <summary>Reads the target, or <see langword="null"/> when the connection is not set up for the feeds.</summary>
    public static FewoDirektTarget? TryOf(ChannelConnection connection)
    {
        try
        {
            return Of(connection);
        }
        catch (ChannelManagerValidationException)
        {
            return null;
        }
    }

    private static string? Value(ChannelConnection connection, string key) =>
        connection.PlatformMetadata.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool IsId(string text) =>
        text.Length is > 0 and <= MaxIdLength && !text.Contains('/', StringComparison.Ordinal) && text.All(c => c > ' ' && c < (char)127);
}
