using ChannelManager.Connections;

namespace ChannelManager.Bookings;

/// <summary>A platform booking handed to the host PMS through <see cref="IPmsBookingSink"/>.</summary>
public sealed record ImportedBooking
{
    /// <summary>
    /// Unique per booking version: the PMS must treat a second call with the same key as a duplicate
    /// (ChannelManager may call again after a crash).
    /// </summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The PMS property the booking is for.</summary>
    public required Guid PropertyId { get; init; }

    /// <summary>The connection the booking came through.</summary>
    public required Guid ConnectionId { get; init; }

    /// <summary>The booking id ChannelManager uses in the ledger and in the booking event.</summary>
    public required string BookingId { get; init; }

    /// <summary>The reservation as the platform reported it.</summary>
    public required PlatformReservation Reservation { get; init; }

    /// <summary>Whether the nights had no free unit left: the guest has paid, so the booking is kept, but it is an overbooking.</summary>
    public bool Overbooked { get; init; }

    /// <summary>The platform of the booking.</summary>
    public Platform Platform => Reservation.Platform;
}
