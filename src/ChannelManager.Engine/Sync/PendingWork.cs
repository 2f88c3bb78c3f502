using ChannelManager.Adapters;
using ChannelManager.Inventory;

namespace ChannelManager.Engine.Sync;

/// <summary>A snapshot of what is to be done for one connection: dirty nights, what to push, and whether to pull reservations.</summary>
internal sealed record PendingWork(IReadOnlyList<DateRange> Ranges, AriPushScope Scope, bool PullReservations, string Trigger, int Attempt);
