using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChannelManager.Inventory;
using Ical.Net;
using Calendar = Ical.Net.Calendar;
using Ical.Net.CalendarComponents;

namespace ChannelManager.Adapters.ICal.Import;

/// <summary>One upcoming event of an imported feed.</summary>
internal sealed record ParsedICalEvent(string ConfirmationCode, DateRange Stay, string? Summary);

/// <summary>
/// Parses an imported feed with Ical.Net into upcoming blocked stays. Hostile input is bounded: the event count is
/// checked before parsing, stays end at most <see cref="MaxHorizonDays"/> days ahead, UIDs are at most
/// <see cref="MaxUidLength"/> characters (longer ones are hashed).
/// </summary>
internal static class ICalFeedParser
{
    /// <summary>Stays are cut off this many days after today.</summary>
    public const int MaxHorizonDays = 1100;

    /// <summary>Longer UIDs become <c>sha256:{hex}</c>.</summary>
    public const int MaxUidLength = 200;

    /// <summary>Parses the feed.</summary>
    /// <param name="text">The feed.</param>
    /// <param name="today">Events that end on or before today are past and ignored.</param>
    /// <param name="maxEvents">The most events (past ones included) a feed may hold.</param>
    /// <param name="ownUidSuffix">UIDs ending with this (<c>@{UidDomain}</c>) are this ChannelManager's own exports echoed back, and are ignored.</param>
    /// <returns>The upcoming events, by start date.</returns>
    /// <exception cref="ICalFeedFormatException">The feed is malformed or holds too many events.</exception>
    public static IReadOnlyList<ParsedICalEvent> Parse(string text, DateOnly today, int maxEvents, string ownUidSuffix)
    {
        var trimmed = text.AsSpan().TrimStart('\uFEFF').TrimStart();
        if (!trimmed.StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            throw new ICalFeedFormatException("not an iCalendar feed (it does not start with BEGIN:VCALENDAR)");
        }

        var declared = CountOccurrences(text, "BEGIN:VEVENT");
        if (declared > maxEvents)
        {
            throw new ICalFeedFormatException(string.Create(CultureInfo.InvariantCulture, $"the feed holds {declared} events, more than the limit of {maxEvents}"));
        }

        Calendar? calendar;
        try
        {
            calendar = Calendar.Load(text);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ICalFeedFormatException("malformed iCalendar: " + Shorten(ex.Message), ex);
        }

        if (calendar is null)
        {
            throw new ICalFeedFormatException("malformed iCalendar: no VCALENDAR could be read");
        }

        var horizon = today.AddDays(MaxHorizonDays);
        var results = new List<ParsedICalEvent>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in calendar.Events)
        {
            if (string.Equals(e.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase))
            {
                continue; // A cancelled event is treated as gone from the feed.
            }

            var stay = StayOf(e);
            if (stay.End <= today)
            {
                continue;
            }

            if (stay.End > horizon)
            {
                if (stay.Start >= horizon)
                {
                    continue;
                }

                stay = new DateRange(stay.Start, horizon);
            }

            var uid = string.IsNullOrWhiteSpace(e.Uid)
                ? "nouid:" + Hash(string.Create(CultureInfo.InvariantCulture, $"{stay.Start:yyyyMMdd}/{stay.End:yyyyMMdd}/{e.Summary}"))
                : e.Uid.Trim();
            if (uid.EndsWith(ownUidSuffix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (uid.Length > MaxUidLength || uid.Any(char.IsControl))
            {
                uid = "sha256:" + Hash(uid);
            }

            if (!seen.Add(uid))
            {
                // Several events with one UID (recurrence overrides): each is its own stay.
                uid = string.Create(CultureInfo.InvariantCulture, $"{uid}#{stay.Start:yyyyMMdd}");
                if (!seen.Add(uid))
                {
                    continue;
                }
            }

            var summary = e.Summary is { Length: > 200 } s ? s[..200] : e.Summary;
            results.Add(new ParsedICalEvent(uid, stay, summary));
        }

        results.Sort((a, b) => a.Stay.Start.CompareTo(b.Stay.Start));
        return results;
    }

    /// <summary>
    /// The nights an event blocks: from DTSTART's date to DTEND's date (exclusive, as RFC 5545 all-day events have
    /// it); a timed DTEND after midnight still frees its day (check-out); DURATION when there is no DTEND; one night
    /// when there is neither.
    /// </summary>
    private static DateRange StayOf(CalendarEvent e)
    {
        var uid = e.Uid ?? "(no UID)";
        if (e.DtStart is not { } start)
        {
            throw new ICalFeedFormatException($"malformed iCalendar: event {Shorten(uid)} has no valid DTSTART");
        }

        DateOnly end;
        if (e.DtEnd is { } dtEnd)
        {
            end = dtEnd.Date;
        }
        else if (e.Duration is { } duration)
        {
            try
            {
                end = start.Add(duration).Date;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OverflowException)
            {
                throw new ICalFeedFormatException($"malformed iCalendar: event {Shorten(uid)} has an invalid DURATION", ex);
            }
        }
        else
        {
            end = start.Date.AddDays(1);
        }

        if (end < start.Date)
        {
            throw new ICalFeedFormatException($"malformed iCalendar: event {Shorten(uid)} ends before it starts");
        }

        return new DateRange(start.Date, end == start.Date ? end.AddDays(1) : end);
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static string Shorten(string value) => value.Length <= 120 ? value : value[..120] + "…";
}
