using ChannelManager.Adapters;
using ChannelManager.Engine.Sync;
using ChannelManager.Inventory;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChannelManager.Engine.Tests;

public sealed class DirtyRangeQueueTests
{
    private static readonly DateOnly D0 = new(2030, 1, 1);
    private static readonly ConnectionKey Key = new("t", Guid.Parse("00000000-0000-0000-0000-0000000000aa"));

    [Fact]
    public void A_burst_of_marks_becomes_one_piece_of_work_with_merged_ranges()
    {
        var queue = new DirtyRangeQueue();
        for (var i = 0; i < 1000; i++)
        {
            queue.MarkDirty(Key, DateRange.Single(D0.AddDays(i % 30)), AriPushScope.Rates, "pricing.updated");
        }

        queue.MarkDirty(Key, new DateRange(D0.AddDays(40), D0.AddDays(45)), AriPushScope.Availability, "booking.confirmed");
        Assert.True(queue.Ready.TryRead(out var ready));
        Assert.Equal(Key, ready);
        Assert.False(queue.Ready.TryRead(out _), "the connection is queued once, however many marks");
        var work = queue.Take(Key)!;
        Assert.Equal([new DateRange(D0, D0.AddDays(30)), new DateRange(D0.AddDays(40), D0.AddDays(45))], work.Ranges);
        Assert.Equal(AriPushScope.Rates | AriPushScope.Availability, work.Scope);
    }

    [Fact]
    public void A_scheduled_pull_that_joins_waiting_nights_leaves_them_their_trigger_and_alone_it_names_its_own()
    {
        var queue = new DirtyRangeQueue();
        queue.MarkDirty(Key, new DateRange(D0, D0.AddDays(500)), AriPushScope.All, "connection.created");
        queue.RequestReservationPull(Key, "schedule");
        queue.Ready.TryRead(out _);
        var joined = queue.Take(Key)!;
        Assert.Equal("connection.created", joined.Trigger); // the push's log row and metrics name what caused it
        Assert.True(joined.PullReservations);
        queue.Complete(Key, joined, succeeded: true, TimeSpan.Zero, TimeProvider.System);

        queue.RequestReservationPull(Key, "schedule");
        queue.Ready.TryRead(out _);
        var alone = queue.Take(Key)!;
        Assert.Equal("schedule", alone.Trigger);
        Assert.False(alone.HasRanges);
    }

    [Fact]
    public void Marks_during_a_push_are_taken_after_it_and_a_failure_keeps_the_nights_dirty()
    {
        var queue = new DirtyRangeQueue();
        queue.MarkDirty(Key, DateRange.Single(D0), AriPushScope.Availability, "a");
        queue.Ready.TryRead(out _);
        var first = queue.Take(Key)!;
        queue.MarkDirty(Key, DateRange.Single(D0.AddDays(5)), AriPushScope.Rates, "b");
        Assert.False(queue.Ready.TryRead(out _), "in flight: not handed out twice");
        Assert.Null(queue.Take(Key));

        queue.Complete(Key, first, succeeded: false, TimeSpan.Zero, TimeProvider.System);
        SpinWait.SpinUntil(() => queue.Ready.TryPeek(out _), 2000);
        Assert.True(queue.Ready.TryRead(out _));
        var retry = queue.Take(Key)!;
        Assert.Equal([DateRange.Single(D0), DateRange.Single(D0.AddDays(5))], retry.Ranges);
        Assert.Equal(2, retry.Attempt);
        queue.Complete(Key, retry, succeeded: true, TimeSpan.Zero, TimeProvider.System);
        Assert.False(queue.Ready.TryRead(out _));
        Assert.Equal(0, queue.PendingConnections);
    }

    /// <summary>Coalescing loses no night and adds none: the merged ranges are sorted, disjoint, not touching, and cover exactly the marked nights.</summary>
    [Property(MaxTest = 500)]
    public Property Coalesced_ranges_cover_exactly_the_marked_nights()
    {
        var range = from start in Gen.Choose(0, 200) from nights in Gen.Choose(1, 30) select (start, nights);
        return Prop.ForAll(range.NonEmptyListOf().ToArbitrary(), marks =>
        {
            var queue = new DirtyRangeQueue();
            var expected = new HashSet<DateOnly>();
            foreach (var (start, nights) in marks)
            {
                var r = new DateRange(D0.AddDays(start), D0.AddDays(start + nights));
                queue.MarkDirty(Key, r, AriPushScope.All, "x");
                expected.UnionWith(r.EachNight());
            }

            var work = queue.Take(Key)!;
            var covered = work.Ranges.SelectMany(r => r.EachNight()).ToList();
            var sortedAndApart = work.Ranges.Zip(work.Ranges.Skip(1)).All(p => p.First.End < p.Second.Start);
            return sortedAndApart && covered.Count == expected.Count && expected.SetEquals(covered);
        });
    }
}
