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

    /// <summary>Sets the nightly rate over a range (optionally only some days of the week), unless a night holds a newer version.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="propertyId">The property.</param>
    /// <param name="range">The nights.</param>
    /// <param name="change">The rate, currency, weekday filter and version.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The nights whose rate or currency changed, as merged ranges in date order (empty for a stale or duplicate change).</returns>
    Task<IReadOnlyList<DateRange>> SetRateAsync(string tenantId, Guid propertyId, DateRange range, RateChange change, CancellationToken cancellationToken = default);

    /// <summary>Sets availability and restrictions over a range; each field set in <paramref name="change"/> changes on its own, unless a night holds a newer version of it.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="propertyId">The property.</param>
    /// <param name="range">The nights.</param>
    /// <param name="change">The fields to set, the weekday filter and the version.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The nights where some field changed, as merged ranges in date order (empty for a stale or duplicate change).</returns>
    Task<IReadOnlyList<DateRange>> SetAvailabilityAsync(string tenantId, Guid propertyId, DateRange range, AvailabilityChange change, CancellationToken cancellationToken = default);

    /// <summary>Reads the current state of every night of a range.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="propertyId">The property.</param>
    /// <param name="range">The nights.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One <see cref="AriDay"/> per night, in date order.</returns>
    Task<IReadOnlyList<AriDay>> GetAriAsync(string tenantId, Guid propertyId, DateRange range, CancellationToken cancellationToken = default);
}
