namespace ChannelManager.Sync;

/// <summary>What a manual sync covers.</summary>
public enum SyncType
{
    /// <summary>Availability, rates and restrictions over the whole sync window, then a reservation pull.</summary>
    Full = 1,

    /// <summary>Availability and restrictions over the sync window.</summary>
    Availability = 2,

    /// <summary>Rates over the sync window.</summary>
    Pricing = 3,

    /// <summary>Pull reservations from the platform and import what is new or changed.</summary>
    Bookings = 4,
}
