using System.Globalization;
using System.Xml.Linq;
using ChannelManager.Adapters.BookingCom.Api;
using ChannelManager.Adapters.BookingCom.Ari;
using ChannelManager.Adapters.Shared.Ota;
using ChannelManager.Connections;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.BookingCom.Calendar;

/// <summary>
/// Reads a room's calendar back with B.XML <c>POST /hotels/xml/roomrateavailability</c> (platforms.md §1:
/// <c>hotel_id</c>, <c>start_date</c>, <c>number_of_days</c> 1–31, <c>room_level</c>, <c>room_id</c>), in chunks of
/// at most <see cref="MaxDaysPerCall"/> days. The answer's shape is ASSUMED (see the README):
/// <c>&lt;room id&gt;&lt;date value&gt;</c> with <c>rooms_to_sell</c>, <c>booked</c>, <c>cancelled</c>, <c>closed</c>
/// and per <c>&lt;rate id&gt;</c> <c>price</c>, <c>minimumstay</c>, <c>maximumstay</c>, <c>closedonarrival</c>,
/// <c>closedondeparture</c>.
/// </summary>
internal sealed class RoomRateAvailabilityReader(BookingComApiClient client, Microsoft.Extensions.Options.IOptions<BookingComOptions> options)
{
    /// <summary>The most days one call may ask for.</summary>
    public const int MaxDaysPerCall = 31;

    public async Task<PlatformCalendarRead> ReadAsync(BookingComTarget target, DateRange range, CancellationToken cancellationToken)
    {
        var nights = new List<PlatformCalendarNight>(range.Nights);
        var calls = 0;
        for (var start = range.Start; start < range.End; start = start.AddDays(MaxDaysPerCall))
        {
            var days = Math.Min(MaxDaysPerCall, range.End.DayNumber - start.DayNumber);
            var document = await ReadChunkAsync(target, start, days, cancellationToken).ConfigureAwait(false);
            calls++;
            nights.AddRange(Nights(document, target, start, start.AddDays(days - 1)));
        }

        return new PlatformCalendarRead(nights, calls);
    }

    /// <summary>One call for <paramref name="days"/> days from <paramref name="start"/>.</summary>
    public async Task<XDocument?> ReadChunkAsync(BookingComTarget target, DateOnly start, int days, CancellationToken cancellationToken)
    {
        var body = OtaXml.Write(w =>
        {
            w.WriteStartElement("request");
            w.WriteElementString("hotel_id", target.HotelId);
            w.WriteElementString("start_date", OtaXml.Date(start));
            w.WriteElementString("number_of_days", OtaXml.Int(days));
            w.WriteElementString("room_level", "1");
            w.WriteElementString("room_id", target.RoomId);
            w.WriteEndElement();
        });
        var url = new Uri(BookingComUrls.Root(options.Value.BaseUrl), BookingComUrls.RoomRateAvailability);
        return await client.SendAsync("roomrateavailability", HttpMethod.Post, url, body, cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<PlatformCalendarNight> Nights(XDocument? document, BookingComTarget target, DateOnly first, DateOnly last)
    {
        var room = document?.Root?.DescendantsNamed("room").FirstOrDefault(r => r.Attr("id") == target.RoomId);
        if (room is null)
        {
            yield break;
        }

        foreach (var date in room.Children("date"))
        {
            if (!DateOnly.TryParseExact(date.Attr("value"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var night) || night < first || night > last)
            {
                throw new PlatformCallException(Platform.BookingCom, $"Booking.com roomrateavailability for hotel {target.HotelId} room {target.RoomId} has a date outside {OtaXml.Date(first)}..{OtaXml.Date(last)} or without a value.", isTransient: false);
            }

            var rate = target.RatePlanId is null ? null : date.Children("rate").FirstOrDefault(r => r.Attr("id") == target.RatePlanId);
            var closed = Flag(date.Child("closed"));
            var toSell = Int(date.Child("rooms_to_sell"));
            var maxStay = Int(rate?.Child("maximumstay"));
            yield return new PlatformCalendarNight
            {
                Date = night,
                IsBookable = closed is null && toSell is null ? null : closed != true && toSell is not 0,

                // A closed night is pushed with 0 rooms to sell whatever the ledger holds, so its count is not compared.
                AvailableUnits = closed == true ? null : toSell,
                Rate = Decimal(rate?.Child("price")),
                MinStay = Int(rate?.Child("minimumstay")),
                MaxStay = maxStay is 0 ? null : maxStay,
                ClosedToArrival = Flag(rate?.Child("closedonarrival")),
                ClosedToDeparture = Flag(rate?.Child("closedondeparture")),
            };
        }
    }

    private static int? Int(XElement? e) => int.TryParse(e?.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static decimal? Decimal(XElement? e) => decimal.TryParse(e?.Value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static bool? Flag(XElement? e) => e?.Value.Trim() switch
    {
        "1" or "true" => true,
        "0" or "false" => false,
        _ => null,
    };
}
