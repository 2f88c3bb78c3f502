namespace ChannelManager.Bookings;

/// <summary>
/// Implemented by the host PMS to receive bookings imported from platforms (new, modified and cancelled).
/// Register your implementation in DI; ChannelManager calls it once per booking version, passing an idempotency key
/// the implementation must honour, because after a crash the same version may be delivered again.
/// </summary>
public interface IPmsBookingSink
{
    /// <summary>Receives one imported booking version. Throwing makes ChannelManager retry later.</summary>
    /// <param name="booking">The booking.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the PMS has durably accepted the booking.</returns>
    Task ReceiveAsync(ImportedBooking booking, CancellationToken cancellationToken = default);
}
