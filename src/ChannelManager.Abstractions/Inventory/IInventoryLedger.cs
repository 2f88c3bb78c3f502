using ChannelManager.Bookings;

namespace ChannelManager.Inventory;

/// <summary>
/// ChannelManager's own copy of each property's availability, rates and restrictions per night, and of the bookings
/// that consume units. Platforms are made equal to it.
/// </summary>
public interface IInventoryLedger
{
    /// <summary>Inserts or supersedes a booking (by tenant + booking id). A version not newer than the stored one changes nothing.</summary>
    /// <param name="booking">The booking in its new state (a cancelled status releases its nights).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What changed.</returns>
    Task<BookingApplyResult> ApplyBookingAsync(Booking booking, CancellationToken cancellationToken = default);

    /// <summary>Gets a stored booking.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="bookingId">The booking id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The booking, or <see langword="null"/>.</returns>
    Task<Booking?> GetBookingAsync(string tenantId, string bookingId, CancellationToken cancellationToken = default);

    /// <summary>Sets the nightly rate over a range.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="propertyId">The property.</param>
    /// <param name="range">The nights.</param>
    /// <param name="rate">The nightly rate.</param>
    /// <param name="currency">The ISO 4217 currency.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the rate is stored.</returns>
    Task SetRateAsync(string tenantId, Guid propertyId, DateRange range, decimal rate, string currency, CancellationToken cancellationToken = default);

    /// <summary>Changes availability and restrictions over a range.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="propertyId">The property.</param>
    /// <param name="range">The nights.</param>
    /// <param name="change">The fields to change.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the change is stored.</returns>
    Task SetAvailabilityAsync(string tenantId, Guid propertyId, DateRange range, AvailabilityChange change, CancellationToken cancellationToken = default);

    /// <summary>Reads the current state of every night of a range.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="propertyId">The property.</param>
    /// <param name="range">The nights.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One <see cref="AriDay"/> per night, in date order.</returns>
    Task<IReadOnlyList<AriDay>> GetAriAsync(string tenantId, Guid propertyId, DateRange range, CancellationToken cancellationToken = default);
}
