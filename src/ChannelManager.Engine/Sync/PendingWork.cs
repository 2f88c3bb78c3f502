using ChannelManager.Adapters;
using ChannelManager.Inventory;

namespace ChannelManager.Engine.Sync;

/// <summary>
/// A snapshot of what is to be done for one connection: dirty nights, what to push, whether to pull reservations,
/// and the persisted marks it covers (cleared from the <see cref="ChannelManager.Sync.IDirtyRangeStore"/> after success).
/// </summary>
internal sealed record PendingWork(IReadOnlyList<DateRange> Ranges, AriPushScope Scope, bool PullReservations, string Trigger, int Attempt, IReadOnlyList<long> Sequences);
