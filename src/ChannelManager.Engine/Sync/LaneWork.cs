using ChannelManager.Adapters;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Inventory;

namespace ChannelManager.Engine.Sync;

/// <summary>
/// The dirty nights of one lane of a connection: sorted, disjoint ranges, what to push, the persisted marks they cover,
/// and the events behind them (at most <see cref="SyncOrigin.MaxPerLane"/>; for latency and tracing only).
/// </summary>
internal sealed record LaneWork(IReadOnlyList<DateRange> Ranges, AriPushScope Scope, IReadOnlyList<long> Sequences, IReadOnlyList<SyncOrigin> Origins)
{
    /// <summary>No nights.</summary>
    public static LaneWork Empty { get; } = new([], AriPushScope.None, [], []);

    /// <summary>Whether there are nights to push.</summary>
    public bool HasRanges => Ranges.Count > 0;
}
