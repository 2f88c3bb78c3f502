using ChannelManager.Inventory;

namespace ChannelManager.Engine.Sync;

/// <summary>Sorted, disjoint, non-touching lists of date ranges: adding a range merges it with every range it overlaps or touches.</summary>
internal static class DateRangeSet
{
    /// <summary>
    /// Adds a range to a sorted, disjoint list, merging it with the ranges it overlaps or touches: a binary search finds
    /// the first range that ends at or after its start, and only the neighbours from there are merged.
    /// </summary>
    public static void Add(List<DateRange> ranges, DateRange range)
    {
        int lo = 0, hi = ranges.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ranges[mid].End < range.Start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var merged = range;
        var end = lo;
        while (end < ranges.Count && ranges[end].Start <= merged.End)
        {
            merged = merged.Hull(ranges[end]);
            end++;
        }

        if (end - lo == 1 && ranges[lo] == merged)
        {
            return;
        }

        ranges.RemoveRange(lo, end - lo);
        ranges.Insert(lo, merged);
    }

    /// <summary>Two sorted, disjoint lists merged into one.</summary>
    public static IReadOnlyList<DateRange> Merge(IReadOnlyList<DateRange> a, IReadOnlyList<DateRange> b)
    {
        var merged = new List<DateRange>(a);
        foreach (var r in b)
        {
            Add(merged, r);
        }

        return merged;
    }
}
