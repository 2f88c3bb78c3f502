using System.Globalization;
using System.Text;
using ChannelManager.Inventory;
using Ical.Net;
using Calendar = Ical.Net.Calendar;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace ChannelManager.Adapters.ICal.Export;

/// <summary>
/// Writes an RFC 5545 feed: <c>VCALENDAR</c> with <c>PRODID</c>, <c>VERSION:2.0</c>, <c>CALSCALE:GREGORIAN</c>; one
/// all-day <c>VEVENT</c> per run of blocked nights (<c>DTSTART;VALUE=DATE</c>, exclusive <c>DTEND;VALUE=DATE</c>),
/// CRLF line ends, long lines folded (by Ical.Net's serializer).
/// </summary>
internal static class ICalFeedWriter
{
    /// <summary>The runs of consecutive nights that cannot be booked, in date order.</summary>
    public static IReadOnlyList<DateRange> BlockedRuns(IReadOnlyList<AriDay> days)
    {
        var runs = new List<DateRange>();
        DateOnly? start = null;
        DateOnly previous = default;
        foreach (var day in days)
        {
            var blocked = !day.IsBookable;
            if (start is { } s && (!blocked || day.Date != previous.AddDays(1)))
            {
                runs.Add(new DateRange(s, previous.AddDays(1)));
                start = null;
            }

            if (blocked && start is null)
            {
                start = day.Date;
            }

            previous = day.Date;
        }

        if (start is { } last)
        {
            runs.Add(new DateRange(last, previous.AddDays(1)));
        }

        return runs;
    }

    /// <summary>The events of the runs: the UID is the run's first night and the connection's tag, so it survives a run growing or shrinking at its end.</summary>
    public static IReadOnlyList<ICalFeedEvent> Events(IReadOnlyList<DateRange> runs, string connectionTag, string uidDomain) =>
        runs.Select(r => new ICalFeedEvent(
            string.Create(CultureInfo.InvariantCulture, $"{r.Start:yyyyMMdd}-{connectionTag}@{uidDomain}"),
            r)).ToArray();

    /// <summary>Writes the feed as UTF-8 bytes.</summary>
    /// <param name="events">The events.</param>
    /// <param name="productId">The <c>PRODID</c>.</param>
    /// <param name="summary">Every event's <c>SUMMARY</c>.</param>
    /// <param name="stamp">The <c>DTSTAMP</c> of every event: when this content was first served.</param>
    public static byte[] Write(IReadOnlyList<ICalFeedEvent> events, string productId, string summary, DateTimeOffset stamp)
    {
        var calendar = new Calendar
        {
            ProductId = productId,
            Version = "2.0",
            Scale = "GREGORIAN",
        };
        var utc = stamp.UtcDateTime;
        var dtStamp = new CalDateTime(new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, DateTimeKind.Utc));
        foreach (var e in events)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = e.Uid,
                DtStamp = dtStamp,
                DtStart = new CalDateTime(e.Nights.Start),
                DtEnd = new CalDateTime(e.Nights.End),
                Summary = summary,
                Transparency = "OPAQUE",
            });
        }

        var text = new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("Ical.Net returned no text for the feed.");
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
    }
}
