using BenchmarkDotNet.Attributes;
using ChannelManager.Adapters;
using ChannelManager.Engine.Sync;
using ChannelManager.Inventory;

namespace ChannelManager.Benchmarks;

/// <summary>
/// The dispatcher's coalescing: <c>DirtyRangeQueue.MarkDirty</c> of N ranges for one connection, then <c>Take</c>,
/// which hands over the merged, sorted, disjoint ranges (and completes the push, so the next invocation starts from
/// an idle connection). Mean and Allocated are per invocation, i.e. for all N marks plus the take.
/// </summary>
[MemoryDiagnoser]
public class RangeCoalescingBenchmarks
{
    private const int WindowNights = 500;
    private readonly ConnectionKey _key = new("bench", Guid.NewGuid());
    private DirtyRangeQueue _queue = null!;
    private DateRange[] _ranges = null!;

    /// <summary>How the marked ranges lie.</summary>
    public enum RangeShape
    {
        /// <summary>Random ranges of 1–30 nights anywhere in a 500-night window: they overlap and merge into few ranges (a burst of ARI changes).</summary>
        Overlapping,

        /// <summary>Single nights on every other day of the 500-night window in random order: up to 250 ranges that never touch (the longest list the window allows).</summary>
        Scattered,
    }

    /// <summary>Ranges marked before the take.</summary>
    [Params(100, 1_000, 10_000)]
    public int Marks { get; set; }

    /// <summary>How the ranges lie.</summary>
    [Params(RangeShape.Overlapping, RangeShape.Scattered)]
    public RangeShape Shape { get; set; }

    /// <summary>Draws the ranges (seeded) and creates the queue.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _queue = new DirtyRangeQueue();
        var first = new DateOnly(2027, 1, 1);
        var random = new Random(20261130);
        _ranges = new DateRange[Marks];
        for (var i = 0; i < Marks; i++)
        {
            if (Shape == RangeShape.Overlapping)
            {
                var nights = random.Next(1, 31);
                var start = first.AddDays(random.Next(0, WindowNights - nights + 1));
                _ranges[i] = new DateRange(start, start.AddDays(nights));
            }
            else
            {
                _ranges[i] = DateRange.Single(first.AddDays(2 * random.Next(0, WindowNights / 2)));
            }
        }
    }

    /// <summary>Marks every range (with a persisted-mark sequence, as the engine does), then takes the merged work.</summary>
    /// <returns>Disjoint ranges handed to the push.</returns>
    [Benchmark]
    public int MarkDirtyThenTake()
    {
        for (var i = 0; i < _ranges.Length; i++)
        {
            _queue.MarkDirty(_key, _ranges[i], AriPushScope.Rates, "pricing.updated", i + 1);
        }

        _queue.Ready.TryRead(out _);
        var work = _queue.Take(_key)!;
        _queue.Complete(_key, work, succeeded: true, TimeSpan.Zero, TimeProvider.System);
        return work.Ranges.Count;
    }
}
