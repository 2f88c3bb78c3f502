namespace ChannelManager.Adapters.FewoDirekt.Feeds;

/// <summary>The four feeds Vrbo reads per advertiser (platforms.md §4).</summary>
internal enum FewoFeedKind
{
    /// <summary>Listing content.</summary>
    Listing,

    /// <summary>Lodging configuration content (policies).</summary>
    LodgingConfiguration,

    /// <summary>Lodging rate content (nightly rates).</summary>
    LodgingRate,

    /// <summary>Unit availability content (availability, change-over, stay limits).</summary>
    UnitAvailability,
}
