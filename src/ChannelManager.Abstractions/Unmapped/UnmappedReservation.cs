using ChannelManager.Bookings;
using ChannelManager.Connections;

namespace ChannelManager.Unmapped;

/// <summary>
/// A platform booking for a listing (room, room type, rate) that no connection maps: kept instead of dropped, raised
/// once when first seen, and imported automatically when the listing is connected (or dismissed by an operator).
/// One record per platform, listing and confirmation code (or per listing for webhooks that name no reservation).
/// </summary>
public sealed record UnmappedReservation
{
    /// <summary>Opaque id, derived from platform, listing and <see cref="DedupeKey"/> (so every sighting finds the same record).</summary>
    public required Guid Id { get; init; }

    /// <summary>The platform.</summary>
    public required Platform Platform { get; init; }

    /// <summary>The unmapped listing, spelt as a connection would spell it (<c>{hotel}:{room}</c> for a Booking.com room).</summary>
    public required string ListingId { get; init; }

    /// <summary>The parent listing (the hotel or property) when the listing is a sub-listing or known to be one.</summary>
    public string? ParentListingId { get; init; }

    /// <summary>The platform's confirmation code, when the message names one.</summary>
    public string? ConfirmationCode { get; init; }

    /// <summary>
    /// What deduplicates sightings: <c>reservation:{confirmation code}</c>, or <c>alert</c> for webhooks that name no
    /// reservation (all alerts of one listing share a record; the reservations come with the pull once it is connected).
    /// </summary>
    public required string DedupeKey { get; init; }

    /// <summary>
    /// The normalized reservation, when the message carried it or it was fetched. It holds guest data: it stays in the
    /// store (and is handed to observers); the API and the logs never show the guest.
    /// </summary>
    public PlatformReservation? Reservation { get; init; }

    /// <summary>How it arrived.</summary>
    public required UnmappedReservationSource Source { get; init; }

    /// <summary>For <see cref="UnmappedReservationSource.Pull"/>: the connection whose pull returned it.</summary>
    public Guid? FetchedViaConnectionId { get; init; }

    /// <summary>
    /// The tenant it is attributed to, when that is safe (a sibling room of a connected hotel: that connection's tenant;
    /// after import: the importing connection's tenant); <see langword="null"/> when nobody can be named (only the host's
    /// operators see it).
    /// </summary>
    public string? TenantId { get; init; }

    /// <summary>Open, imported or dismissed.</summary>
    public UnmappedReservationState State { get; init; } = UnmappedReservationState.Open;

    /// <summary>When it was first seen.</summary>
    public required DateTimeOffset FirstSeenAt { get; init; }

    /// <summary>When it was last seen.</summary>
    public required DateTimeOffset LastSeenAt { get; init; }

    /// <summary>How many times it was seen (deliveries, pulls, rechecks).</summary>
    public int TimesSeen { get; init; } = 1;

    /// <summary>When it left <see cref="UnmappedReservationState.Open"/>.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The connection it was imported under, once imported.</summary>
    public Guid? ImportedConnectionId { get; init; }
}
