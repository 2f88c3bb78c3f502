namespace ChannelManager.Adapters.BookingCom.Reservations;

/// <summary>A reservation served by a queue and not acknowledged yet.</summary>
/// <param name="ResId">The <c>ResID_Value</c> the acknowledgement names.</param>
/// <param name="Queue">The queue that served it, where the acknowledgement goes.</param>
/// <param name="Parts">The confirmation codes of all its parts (one per room type), all of which must be stored first.</param>
internal sealed record PulledReservation(string ResId, ReservationQueue Queue, IReadOnlyList<string> Parts);
