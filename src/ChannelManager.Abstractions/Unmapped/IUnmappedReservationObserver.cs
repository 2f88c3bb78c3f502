namespace ChannelManager.Unmapped;

/// <summary>
/// Implemented by the host to be told at once of a booking for a listing no connection maps (page the operator, tell
/// the owner to connect the room). Register any number; each is called once when a record is opened. A failing
/// observer is logged and does not stop the others or the import. The record carries the reservation with its guest
/// data: the observer decides what to pass on.
/// </summary>
public interface IUnmappedReservationObserver
{
    /// <summary>An unmapped reservation was recorded (or became unmapped again).</summary>
    /// <param name="reservation">The record.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the observer has handled it.</returns>
    Task OnUnmappedReservationAsync(UnmappedReservation reservation, CancellationToken cancellationToken = default);
}
