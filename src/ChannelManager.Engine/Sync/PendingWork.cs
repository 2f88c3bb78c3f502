using ChannelManager.Adapters;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Inventory;

namespace ChannelManager.Engine.Sync;

/// <summary>
/// A snapshot of what is to be done for one connection: the urgent lane (nights a booking closed or reopened, pushed
/// at once), the budgeted lane (rates, restrictions and other availability changes, pushed within the connection's
/// push budget), whether to pull reservations, and the persisted marks it covers (cleared from the
/// <see cref="ChannelManager.Sync.IDirtyRangeStore"/> after success).
/// </summary>
internal sealed record PendingWork(LaneWork Urgent, LaneWork Budgeted, bool PullReservations, string Trigger, int Attempt)
{
    /// <summary>The nights of both lanes, merged into sorted, disjoint ranges: one push covers them all.</summary>
    public IReadOnlyList<DateRange> Ranges => Urgent.HasRanges && Budgeted.HasRanges
        ? DateRangeSet.Merge(Urgent.Ranges, Budgeted.Ranges)
        : Urgent.HasRanges ? Urgent.Ranges : Budgeted.Ranges;

    /// <summary>What to push: the union of both lanes' scopes (pushing more of a night's current state is harmless).</summary>
    public AriPushScope Scope => Urgent.Scope | Budgeted.Scope;

    /// <summary>The persisted marks of both lanes.</summary>
    public IReadOnlyList<long> Sequences => Urgent.Sequences.Count == 0 ? Budgeted.Sequences
        : Budgeted.Sequences.Count == 0 ? Urgent.Sequences
        : [.. Urgent.Sequences, .. Budgeted.Sequences];

    /// <summary>The events behind the nights of both lanes (urgent first).</summary>
    public IReadOnlyList<SyncOrigin> Origins => Urgent.Origins.Count == 0 ? Budgeted.Origins
        : Budgeted.Origins.Count == 0 ? Urgent.Origins
        : [.. Urgent.Origins, .. Budgeted.Origins];

    /// <summary>Whether any nights are to be pushed.</summary>
    public bool HasRanges => Urgent.HasRanges || Budgeted.HasRanges;
}
