using ChannelManager.Sync;

namespace ChannelManager.Engine.Sync;

/// <summary>Queues reservation pulls on the dispatcher's queue (the same path as a manual <c>bookings</c> sync).</summary>
internal sealed class ReservationPullScheduler(DirtyRangeQueue queue) : IReservationPullScheduler
{
    public void RequestReservationPull(string tenantId, Guid connectionId, string trigger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(trigger);
        queue.RequestReservationPull(new ConnectionKey(tenantId, connectionId), trigger);
    }
}
