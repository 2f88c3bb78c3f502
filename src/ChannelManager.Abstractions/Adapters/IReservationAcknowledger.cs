using ChannelManager.Bookings;
using ChannelManager.Connections;

namespace ChannelManager.Adapters;

/// <summary>
/// Implemented by an <see cref="IChannelAdapter"/> whose platform serves reservations from a queue that redelivers
/// every reservation until it is acknowledged (Booking.com's OTA reservation queue). The engine calls
/// <see cref="AcknowledgeReservationsAsync"/> after the reservations returned by
/// <see cref="IChannelAdapter.FetchReservationsAsync"/> are safely stored (imported, or found already imported), and
/// never for one whose import failed: an unacknowledged reservation is served again by the next fetch.
/// </summary>
public interface IReservationAcknowledger
{
    /// <summary>Tells the platform that the reservations are stored, so that it stops serving them.</summary>
    /// <param name="connection">The connection the reservations were fetched for.</param>
    /// <param name="reservations">The reservations, as returned by <see cref="IChannelAdapter.FetchReservationsAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many platform calls the acknowledgement took (0 when there was nothing to acknowledge).</returns>
    Task<int> AcknowledgeReservationsAsync(ChannelConnection connection, IReadOnlyList<PlatformReservation> reservations, CancellationToken cancellationToken = default);
}
