using ChannelManager.Inventory;

namespace ChannelManager.Engine.Sync;

/// <summary>Sorted, disjoint, non-touching lists of date ranges: adding a range merges it with every range it overlaps or touches.</summary>
internal static class DateRangeSet
{
    /// <summary>Adds a range to a sorted, disjoint list, merging it with the ranges it overlaps or touches.</summary>
    public static void Add(List<DateRange> ranges, DateRange range)
    {
        var merged = range;
        var i = 0;
        while (i < ranges.Count)
        {
            if (ranges[i].OverlapsOrTouches(merged))
            {
                merged = merged.Hull(ranges[i]);
                ranges.RemoveAt(i);
            }
            else
            {
                i++;
            }
        }

        var at = 0;
        while (at < ranges.Count && ranges[at].Start < merged.Start)
        {
            at++;
        }

        ranges.Insert(at, merged);
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
