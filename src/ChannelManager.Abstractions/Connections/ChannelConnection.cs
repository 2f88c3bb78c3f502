namespace ChannelManager.Connections;

/// <summary>
/// A property's listing on one platform: the unit ChannelManager pushes availability and rates to and imports
/// bookings from. One per property × platform listing.
/// </summary>
public sealed record ChannelConnection
{
    /// <summary>Opaque id of the connection.</summary>
    public required Guid Id { get; init; }

    /// <summary>The tenant (PMS account) that owns the connection.</summary>
    public required string TenantId { get; init; }

    /// <summary>The PMS property (unit or room type) this listing sells.</summary>
    public required Guid PropertyId { get; init; }

    /// <summary>The platform.</summary>
    public required Platform Platform { get; init; }

    /// <summary>The listing's id on the platform (Airbnb listing id, Booking.com hotel/room, …).</summary>
    public required string PlatformListingId { get; init; }

    /// <summary>Lifecycle state.</summary>
    public ConnectionStatus Status { get; init; } = ConnectionStatus.Active;

    /// <summary>The listing's credentials; never returned by the API.</summary>
    public required ChannelCredentials Credentials { get; init; }

    /// <summary>Platform-specific settings (room/rate ids, currency, …).</summary>
    public IReadOnlyDictionary<string, string> PlatformMetadata { get; init; } = new Dictionary<string, string>();

    /// <summary>When the connection was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the connection was last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the connection was soft-deleted; deleted connections are invisible to the API and never synced.</summary>
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>When a sync operation last succeeded.</summary>
    public DateTimeOffset? LastSyncAt { get; init; }

    /// <summary>The last error seen on this connection (no secrets), cleared by the next success.</summary>
    public string? LastError { get; init; }

    /// <summary>Optimistic-concurrency version, incremented by every change.</summary>
    public long Version { get; init; } = 1;

    /// <summary>Whether the connection takes part in synchronisation.</summary>
    public bool IsSyncable => DeletedAt is null && Status != ConnectionStatus.Paused;
}
