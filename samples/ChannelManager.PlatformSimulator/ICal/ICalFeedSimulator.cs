using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChannelManager.Connections;
using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.ICal;

/// <summary>
/// The iCal export feeds of simulated listings (any platform's), built from the simulator's calendar the way the
/// platforms write them (platforms.md §6): one all-day event per run of unavailable nights, a reservation's run with
/// <c>UID:{code}@{platform domain}</c> and <c>SUMMARY:Reserved</c>, a host block with the platform's "not available"
/// summary; <c>DTSTAMP</c> is the time of the request (as Airbnb's is), <c>ETag</c> and <c>Last-Modified</c> follow the
/// content. A raw body can replace a feed (malformed or oversized feeds in tests).
/// </summary>
public sealed class ICalFeedSimulator
{
    /// <summary>How many days before today a feed starts (real feeds keep recent past stays).</summary>
    public const int PastDays = 30;

    /// <summary>How many days after today a feed covers.</summary>
    public const int FutureDays = 365;

    private readonly SimulatorState _state;
    private readonly ConcurrentDictionary<ListingKey, string> _raw = new();
    private readonly ConcurrentDictionary<ListingKey, (string Hash, DateTimeOffset Since)> _versions = new();

    internal ICalFeedSimulator(SimulatorState state) => _state = state;

    /// <summary>Serves <paramref name="body"/> verbatim as the listing's feed (<see langword="null"/> goes back to the calendar).</summary>
    /// <param name="platform">The listing's platform.</param>
    /// <param name="listingId">The listing.</param>
    /// <param name="body">The raw feed.</param>
    public void SetRawFeed(Platform platform, string listingId, string? body)
    {
        var key = new ListingKey(platform, listingId);
        if (body is null)
        {
            _raw.TryRemove(key, out _);
        }
        else
        {
            _raw[key] = body;
        }
    }

    /// <summary>Marks the nights of a reservation unavailable on a listing's calendar (an iCal-only platform's booking).</summary>
    /// <param name="platform">The listing's platform.</param>
    /// <param name="listingId">The listing.</param>
    /// <param name="confirmationCode">The reservation's code (the feed's UID is <c>{code}@{domain}</c>).</param>
    /// <param name="checkIn">The first night.</param>
    /// <param name="checkOut">The check-out day.</param>
    public void Reserve(Platform platform, string listingId, string confirmationCode, DateOnly checkIn, DateOnly checkOut)
    {
        for (var d = checkIn; d < checkOut; d = d.AddDays(1))
        {
            _state.SetDay(platform, listingId, new SimulatedDay { Date = d, IsAvailable = false, ReservationCode = confirmationCode });
        }
    }

    /// <summary>Frees every night a reservation holds on a listing's calendar (a cancellation: its event vanishes from the feed).</summary>
    /// <param name="platform">The listing's platform.</param>
    /// <param name="listingId">The listing.</param>
    /// <param name="confirmationCode">The reservation's code.</param>
    public void Release(Platform platform, string listingId, string confirmationCode)
    {
        var today = Today();
        foreach (var day in _state.GetCalendar(platform, listingId, today.AddDays(-PastDays), today.AddDays(FutureDays + 1100)))
        {
            if (day.ReservationCode == confirmationCode)
            {
                _state.SetDay(platform, listingId, SimulatedDay.Default(day.Date));
            }
        }
    }

    /// <summary>Builds a listing's feed.</summary>
    /// <param name="platform">The listing's platform.</param>
    /// <param name="listingId">The listing.</param>
    /// <returns>The body, its entity tag and when its content last changed.</returns>
    public (string Body, string ETag, DateTimeOffset LastModified) BuildFeed(Platform platform, string listingId)
    {
        var key = new ListingKey(platform, listingId);
        var now = _state.TimeProvider.GetUtcNow();
        if (_raw.TryGetValue(key, out var raw))
        {
            return (raw, Tag(raw), Version(key, Hash(raw), now));
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var days = _state.GetCalendar(platform, listingId, today.AddDays(-PastDays), today.AddDays(FutureDays)).OrderBy(d => d.Date).ToArray();
        var events = new List<(DateOnly Start, DateOnly End, string? Code)>();
        foreach (var day in days.Where(d => !d.IsAvailable))
        {
            if (events.Count > 0 && events[^1].End == day.Date && events[^1].Code == day.ReservationCode)
            {
                events[^1] = events[^1] with { End = day.Date.AddDays(1) };
            }
            else
            {
                events.Add((day.Date, day.Date.AddDays(1), day.ReservationCode));
            }
        }

        var content = new StringBuilder();
        var domain = DomainOf(platform);
        foreach (var (start, end, code) in events)
        {
            content.Append("BEGIN:VEVENT\r\n");
            content.Append(CultureInfo.InvariantCulture, $"DTEND;VALUE=DATE:{end:yyyyMMdd}\r\n");
            content.Append("DTSTAMP:{stamp}\r\n");
            content.Append(CultureInfo.InvariantCulture, $"DTSTART;VALUE=DATE:{start:yyyyMMdd}\r\n");
            if (code is not null)
            {
                if (platform == Platform.Airbnb)
                {
                    content.Append(Fold($"DESCRIPTION:Reservation URL: https://www.airbnb.com/hosting/reservations/details/{code}\\nPhone Number (Last 4 Digits): 4242"));
                }

                content.Append(Fold("SUMMARY:" + ReservedSummary(platform)));
                content.Append(Fold($"UID:{code}@{domain}"));
            }
            else
            {
                content.Append(Fold("SUMMARY:" + BlockedSummary(platform)));
                content.Append(Fold($"UID:{Hash(listingId + "/" + start.ToString("yyyyMMdd", CultureInfo.InvariantCulture))[..24]}@{domain}"));
            }

            content.Append("END:VEVENT\r\n");
        }

        var eventsText = content.ToString();
        var lastModified = Version(key, Hash(eventsText), now);
        var body = "BEGIN:VCALENDAR\r\nPRODID:-//ChannelManager//Platform Simulator iCal//EN\r\nCALSCALE:GREGORIAN\r\nVERSION:2.0\r\n"
            + eventsText.Replace("{stamp}", now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            + "END:VCALENDAR\r\n";
        return (body, Tag(eventsText), lastModified);
    }

    private DateTimeOffset Version(ListingKey key, string hash, DateTimeOffset now)
    {
        var since = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return _versions.AddOrUpdate(key, (hash, since), (_, old) => old.Hash == hash ? old : (hash, since)).Since;
    }

    private DateOnly Today() => DateOnly.FromDateTime(_state.TimeProvider.GetUtcNow().UtcDateTime);

    private static string DomainOf(Platform platform) => platform switch
    {
        Platform.Airbnb => "airbnb.com",
        Platform.BookingCom => "booking.com",
        Platform.FewoDirekt => "vrbo.com",
        Platform.Expedia => "expedia.com",
        Platform.Google => "google.com",
        _ => "ical.simulator",
    };

    private static string ReservedSummary(Platform platform) => platform switch
    {
        Platform.BookingCom => "CLOSED - Not available",
        Platform.FewoDirekt => "Reserved - Guest",
        _ => "Reserved",
    };

    private static string BlockedSummary(Platform platform) => platform switch
    {
        Platform.Airbnb => "Airbnb (Not available)",
        Platform.BookingCom => "CLOSED - Not available",
        Platform.FewoDirekt => "Blocked",
        _ => "Not available",
    };

    /// <summary>One content line, folded at 75 octets (continuations start with a space), with CRLF.</summary>
    private static string Fold(string line)
    {
        var result = new StringBuilder();
        var remaining = line.AsSpan();
        var first = true;
        while (remaining.Length > 0)
        {
            var take = Math.Min(remaining.Length, first ? 75 : 74);
            if (!first)
            {
                result.Append(' ');
            }

            result.Append(remaining[..take]).Append("\r\n");
            remaining = remaining[take..];
            first = false;
        }

        return result.ToString();
    }

    private static string Tag(string content) => "\"" + Hash(content)[..32] + "\"";

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
