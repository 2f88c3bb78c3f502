using System.Globalization;
using ChannelManager.Adapters.Airbnb.Api;
using ChannelManager.Connections;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.Airbnb.Calendar;

/// <summary>
/// Reads a listing's calendar back with <c>GET /v2/calendars/{listing_id}/{start}/{end}</c> (platforms.md §2: the
/// older calendar form; <c>end</c> is inclusive), in chunks of at most <see cref="MaxNightsPerRead"/> nights, and maps
/// each day to a <see cref="PlatformCalendarNight"/>.
/// </summary>
internal sealed class AirbnbCalendarReader(AirbnbConnectionClient client)
{
    /// <summary>The most nights one read asks for (about three years; the longest range Airbnb's calendar accepts).</summary>
    public const int MaxNightsPerRead = 1096;

    public async Task<PlatformCalendarRead> ReadAsync(ChannelConnection connection, DateRange range, CancellationToken cancellationToken)
    {
        var nights = new List<PlatformCalendarNight>(range.Nights);
        var calls = 0;
        for (var start = range.Start; start < range.End; start = start.AddDays(MaxNightsPerRead))
        {
            var endExclusive = start.AddDays(MaxNightsPerRead) < range.End ? start.AddDays(MaxNightsPerRead) : range.End;
            var last = endExclusive.AddDays(-1);
            var envelope = await client.SendAsync(
                connection,
                "calendar_read",
                (api, token, ct) => api.GetCalendarAsync(token, connection.PlatformListingId, Format(start), Format(last), ct),
                AirbnbJsonContext.Default.AirbnbCalendarEnvelope,
                cancellationToken).ConfigureAwait(false);
            calls++;
            foreach (var day in envelope.Calendar?.Days ?? [])
            {
                if (day.Date is null || !DateOnly.TryParseExact(day.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date < start || date > last)
                {
                    throw new PlatformCallException(Platform.Airbnb, $"Airbnb's calendar for listing {connection.PlatformListingId} has a day outside {Format(start)}..{Format(last)} or without a date.", isTransient: false);
                }

                nights.Add(new PlatformCalendarNight
                {
                    Date = date,
                    IsBookable = day.Availability switch { "available" => true, "unavailable" => false, _ => null },
                    AvailableUnits = day.AvailableCount,
                    Rate = day.DailyPrice,
                    MinStay = day.MinNights,
                    MaxStay = day.MaxNights,
                    ClosedToArrival = day.ClosedToArrival,
                    ClosedToDeparture = day.ClosedToDeparture,
                });
            }
        }

        return new PlatformCalendarRead(nights, calls);
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
