namespace ChannelManager.Sync;

/// <summary>
/// Queues a reservation pull for a connection, as <c>POST …/sync</c> with <c>bookings</c> does: the engine's dispatcher
/// then calls the platform adapter's <c>FetchReservationsAsync</c> through the platform's resilience pipeline and
/// imports what it returns. For plug-ins that poll pull-only platforms (iCal feeds) on their own schedule.
/// </summary>
public interface IReservationPullScheduler
{
    /// <summary>Asks for a reservation pull; requests for a connection already waiting for one are merged.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="trigger">What caused it, as written to the sync log (e.g. <c>schedule:ical</c>).</param>
    void RequestReservationPull(string tenantId, Guid connectionId, string trigger);
}
