namespace ChannelManager.Adapters.FewoDirekt;

/// <summary>
/// The keys of <see cref="Connections.ChannelConnection.PlatformMetadata"/> the adapter reads. The connection's
/// <see cref="Connections.ChannelConnection.PlatformListingId"/> is the listing's <c>listingExternalId</c>.
/// </summary>
public static class FewoDirektMetadataKeys
{
    /// <summary>The unit's <c>unitExternalId</c>. Optional: the listing id when unset (one unit per listing).</summary>
    public const string UnitExternalId = "unit_external_id";

    /// <summary>
    /// The advertiser's <c>advertiserAssignedId</c> (the property manager's account at Vrbo). Required: the feeds list
    /// listings per advertiser, and an advertiser belongs to one tenant.
    /// </summary>
    public const string AdvertiserId = "advertiser_id";

    /// <summary>The listing's currency (ISO 4217), used for nights whose rate carries none.</summary>
    public const string Currency = "currency";
}
