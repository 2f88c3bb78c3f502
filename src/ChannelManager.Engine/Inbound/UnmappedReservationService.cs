using ChannelManager.Unmapped;

namespace ChannelManager.Engine.Inbound;

/// <summary>
/// Operator actions on unmapped reservations (bookings for listings no connection maps). Reads go straight to
/// <see cref="IUnmappedReservationStore"/>; a dismissal also releases the webhooks parked for the record, which the
/// inbox worker then drops.
/// </summary>
public sealed class UnmappedReservationService
{
    private readonly IUnmappedReservationStore _store;
    private readonly UnmappedReservationTracker _tracker;
    private readonly TimeProvider _time;

    internal UnmappedReservationService(IUnmappedReservationStore store, UnmappedReservationTracker tracker, TimeProvider time)
    {
        _store = store;
        _tracker = tracker;
        _time = time;
    }

    /// <summary>Dismisses an open record: it is no longer retried, and its parked webhooks are dropped.</summary>
    /// <param name="tenantId">The tenant it must be attributed to; <see langword="null"/> for any (operators).</param>
    /// <param name="id">The record.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record as it now is (an imported one is left imported), or <see langword="null"/> if there is none.</returns>
    public async Task<UnmappedReservation?> DismissAsync(string? tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        var record = await _store.DismissAsync(tenantId, id, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (record is { State: UnmappedReservationState.Dismissed })
        {
            await _tracker.ReleaseParkedAsync(id, cancellationToken).ConfigureAwait(false);
        }

        return record;
    }
}
