using ChannelManager.Connections;
using ChannelManager.Inventory;

namespace ChannelManager.Bookings;

/// <summary>A reservation as a platform reports it, mapped to ChannelManager's model by the platform's adapter.</summary>
public sealed record PlatformReservation
{
    /// <summary>The platform.</summary>
    public required Platform Platform { get; init; }

    /// <summary>The platform's confirmation code (Airbnb <c>HMABCD1234</c>, Booking.com reservation id, …).</summary>
    public required string ConfirmationCode { get; init; }

    /// <summary>
    /// The listing the reservation is for, spelt as the connection's <see cref="Connections.ChannelConnection.PlatformListingId"/>
    /// (Booking.com: <c>{hotel}:{room}</c>, Expedia: <c>{property}:{room type}</c>); the engine imports the reservation
    /// under that listing's connection. Where the platform's message does not say which sub-listing it concerns (an
    /// Expedia cancellation), the parent alone (<c>{property}</c>): the engine then imports it under the connection of a
    /// sub-listing that already holds the booking, and leaves it with the platform when there is none.
    /// </summary>
    public required string ListingId { get; init; }

    /// <summary>The nights of the stay.</summary>
    public required DateRange Stay { get; init; }

    /// <summary>Confirmed or cancelled.</summary>
    public required BookingStatus Status { get; init; }

    /// <summary>Number of guests.</summary>
    public int NumberOfGuests { get; init; } = 1;

    /// <summary>The guest.</summary>
    public GuestDetails? Guest { get; init; }

    /// <summary>The total the guest pays, where given.</summary>
    public decimal? TotalAmount { get; init; }

    /// <summary>The ISO 4217 currency of <see cref="TotalAmount"/>.</summary>
    public string? Currency { get; init; }

    /// <summary>When the platform last changed the reservation; later versions supersede earlier ones.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}
