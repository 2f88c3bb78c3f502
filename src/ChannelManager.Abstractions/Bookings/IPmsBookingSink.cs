namespace ChannelManager.Bookings;

/// <summary>
/// Implemented by the host PMS to receive bookings imported from platforms (new, modified and cancelled).
/// Register your implementation in DI. ChannelManager calls it once per booking version: a successful call is recorded
/// (in the processed-event store, PostgreSQL when configured), and a retry of the import after a later failure, a
/// duplicate webhook or a queue serving the reservation again does not call it a second time. The one window it cannot
/// close is a crash after your sink returned and before that record is written: then the same version is delivered
/// again with the same <see cref="ImportedBooking.IdempotencyKey"/>, so store the key with the booking in the same
/// transaction (for example under a unique constraint) and treat a repeat as already done.
/// </summary>
public interface IPmsBookingSink
{
    /// <summary>Receives one imported booking version. Throwing makes ChannelManager retry later.</summary>
    /// <param name="booking">The booking.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the PMS has durably accepted the booking.</returns>
    Task ReceiveAsync(ImportedBooking booking, CancellationToken cancellationToken = default);
}
