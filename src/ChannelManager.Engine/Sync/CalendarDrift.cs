using System.Globalization;
using System.Text;
using ChannelManager.Adapters;
using ChannelManager.Inventory;

namespace ChannelManager.Engine.Sync;

/// <summary>
/// Compares a listing's calendar as the platform holds it with the ledger, field by field, comparing only what a push
/// sends: bookable or not, units left and closed to arrival/departure where the platform reports them; the rate and
/// min and max stay where the ledger sets them (a platform holding none differs).
/// </summary>
internal static class CalendarDrift
{
    /// <summary>The nights that differ, as sorted disjoint ranges, and which fields differed.</summary>
    public static (IReadOnlyList<DateRange> Ranges, int Nights, IReadOnlySet<string> Fields) Find(IReadOnlyList<AriDay> ledger, IReadOnlyList<PlatformCalendarNight> platform)
    {
        var reported = new Dictionary<DateOnly, PlatformCalendarNight>(platform.Count);
        foreach (var n in platform)
        {
            reported[n.Date] = n;
        }

        var ranges = new List<DateRange>();
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var nights = 0;
        foreach (var day in ledger)
        {
            if (!reported.TryGetValue(day.Date, out var night) || !Differs(day, night, fields))
            {
                continue;
            }

            nights++;
            DateRangeSet.Add(ranges, DateRange.Single(day.Date));
        }

        return (ranges, nights, fields);
    }

    /// <summary>A short account for the sync log: how many nights, which fields, the first ranges.</summary>
    public static string Describe(IReadOnlyList<DateRange> ranges, int nights, IReadOnlySet<string> fields)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{nights} night{(nights == 1 ? string.Empty : "s")} differed on the platform ({string.Join(", ", fields.Order(StringComparer.Ordinal))}): ");
        text.AppendJoin(", ", ranges.Take(5).Select(r => r.Nights == 1
            ? r.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{r.Start:yyyy-MM-dd}..{r.End.AddDays(-1):yyyy-MM-dd}")));
        if (ranges.Count > 5)
        {
            text.Append(CultureInfo.InvariantCulture, $" and {ranges.Count - 5} more ranges");
        }

        return text.Append("; pushed again").ToString();
    }

    private static bool Differs(AriDay day, PlatformCalendarNight night, HashSet<string> fields)
    {
        var differs = false;
        Check(night.IsBookable is { } bookable && bookable != day.IsBookable, "availability");
        Check(night.AvailableUnits is { } units && units != Math.Max(0, day.AvailableUnits), "units");
        Check(day.Rate is { } rate && night.Rate != rate, "rate");
        Check(day.MinStay is >= 1 && night.MinStay != day.MinStay, "min stay");
        Check(day.MaxStay is >= 1 && night.MaxStay != day.MaxStay, "max stay");
        Check(night.ClosedToArrival is { } cta && cta != day.ClosedToArrival, "closed to arrival");
        Check(night.ClosedToDeparture is { } ctd && ctd != day.ClosedToDeparture, "closed to departure");
        return differs;

        void Check(bool different, string field)
        {
            if (different)
            {
                differs = true;
                fields.Add(field);
            }
        }
    }
}
