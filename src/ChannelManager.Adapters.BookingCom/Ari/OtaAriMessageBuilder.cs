using System.Xml;
using ChannelManager.Adapters.BookingCom.Api;
using ChannelManager.Adapters.Shared.Ota;
using ChannelManager.Common;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.BookingCom.Ari;

/// <summary>
/// Turns nights into OTA ARI requests (platforms.md §1), written with <see cref="XmlWriter"/>:
/// <list type="bullet">
/// <item><c>OTA_HotelAvailNotifRQ</c>: per room type (no <c>RatePlanCode</c>) <c>BookingLimit</c> = rooms to sell
/// (0 when the night cannot be booked) and <c>RestrictionStatus Open|Close</c> (Availability); per rate plan
/// <c>LengthsOfStay</c> <c>SetMinLOS</c>/<c>SetMaxLOS</c> with <c>RestrictionStatus Restriction="Arrival"</c>, and
/// <c>Restriction="Departure"</c> (Restrictions).</item>
/// <item><c>OTA_HotelRateAmountNotifRQ</c>: per rate plan <c>BaseByGuestAmt AmountAfterTax CurrencyCode</c> (Rates).</item>
/// </list>
/// Consecutive nights with equal values for a message form one <c>Start</c>..<c>End</c> range (both inclusive); a range
/// never crosses a calendar month, and each request holds one hotel and one month, as Booking.com asks.
/// </summary>
internal static class OtaAriMessageBuilder
{
    /// <summary><c>SetMaxLOS</c> value sent when the ledger has no maximum stay (ASSUMED: 0 = no maximum).</summary>
    public const int NoMaximumStay = 0;

    public static IReadOnlyList<OtaAriRequest> Build(
        BookingComTarget target,
        IReadOnlyList<AriDay> days,
        AriPushScope scope,
        DateTimeOffset timestamp,
        string otaTarget,
        DateOnly? earliest = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(days);
        var ordered = days.Where(d => earliest is null || d.Date >= earliest).OrderBy(d => d.Date).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Date == ordered[i - 1].Date)
            {
                throw new ArgumentException($"The night {ordered[i].Date:yyyy-MM-dd} is given twice.", nameof(days));
            }
        }

        var rooms = scope.HasFlag(AriPushScope.Availability) ? OtaNightRuns.Of(ordered, d => new RoomState(d.IsBookable ? Math.Max(0, d.AvailableUnits) : 0, d.IsBookable), cutAtMonthEnd: true) : [];
        var restrictions = scope.HasFlag(AriPushScope.Restrictions)
            ? OtaNightRuns.Of(ordered, d => new RateRestrictionState(d.MinStay is >= 1 ? d.MinStay.Value : 1, d.MaxStay is >= 1 ? d.MaxStay.Value : NoMaximumStay, d.ClosedToArrival), cutAtMonthEnd: true)
            : [];
        var departures = scope.HasFlag(AriPushScope.Restrictions) ? OtaNightRuns.Of(ordered, d => new DepartureState(d.ClosedToDeparture), cutAtMonthEnd: true) : [];
        var rates = scope.HasFlag(AriPushScope.Rates) ? OtaNightRuns.Of(ordered, d => d.Rate is { } rate ? new RateState(rate, CurrencyOf(d, target)) : null, cutAtMonthEnd: true) : [];

        var months = rooms.Select(r => r.Month).Concat(restrictions.Select(r => r.Month)).Concat(departures.Select(r => r.Month)).Concat(rates.Select(r => r.Month))
            .Distinct().Order().ToArray();
        var requests = new List<OtaAriRequest>();
        foreach (var month in months)
        {
            var monthRooms = rooms.Where(r => r.Month == month).ToArray();
            var monthRestrictions = restrictions.Where(r => r.Month == month).ToArray();
            var monthDepartures = departures.Where(r => r.Month == month).ToArray();
            var availMessages = monthRooms.Length + monthRestrictions.Length + monthDepartures.Length;
            if (availMessages > 0)
            {
                var body = OtaXml.Write(w => WriteAvail(w, target, timestamp, otaTarget, monthRooms, monthRestrictions, monthDepartures));
                requests.Add(new OtaAriRequest(OtaAriKind.Availability, month, availMessages, body));
            }

            var monthRates = rates.Where(r => r.Month == month).ToArray();
            if (monthRates.Length > 0)
            {
                var body = OtaXml.Write(w => WriteRates(w, target, timestamp, otaTarget, monthRates));
                requests.Add(new OtaAriRequest(OtaAriKind.RateAmount, month, monthRates.Length, body));
            }
        }

        return requests;
    }

    private static string CurrencyOf(AriDay day, BookingComTarget target)
    {
        var currency = day.Currency?.Trim().ToUpperInvariant() ?? target.Currency;
        if (currency is null)
        {
            throw new ChannelManagerValidationException(
                "platform_metadata." + BookingComMetadataKeys.Currency,
                $"The rate of {day.Date:yyyy-MM-dd} has no currency and the connection's platform metadata sets none.");
        }

        return currency;
    }

    private static void WriteAvail(
        XmlWriter w,
        BookingComTarget target,
        DateTimeOffset timestamp,
        string otaTarget,
        IReadOnlyList<OtaNightRun<RoomState>> rooms,
        IReadOnlyList<OtaNightRun<RateRestrictionState>> restrictions,
        IReadOnlyList<OtaNightRun<DepartureState>> departures)
    {
        WriteRoot(w, "OTA_HotelAvailNotifRQ", timestamp, otaTarget);
        w.WriteStartElement("AvailStatusMessages", OtaXml.Namespace);
        w.WriteAttributeString("HotelCode", target.HotelId);
        var locator = 0;
        foreach (var run in rooms)
        {
            w.WriteStartElement("AvailStatusMessage", OtaXml.Namespace);
            w.WriteAttributeString("BookingLimit", OtaXml.Int(run.State.BookingLimit));
            w.WriteAttributeString("LocatorID", OtaXml.Int(++locator));
            WriteControl(w, run, target, ratePlan: null);
            w.WriteStartElement("RestrictionStatus", OtaXml.Namespace);
            w.WriteAttributeString("Status", run.State.Open ? "Open" : "Close");
            w.WriteEndElement();
            w.WriteEndElement();
        }

        foreach (var run in restrictions)
        {
            w.WriteStartElement("AvailStatusMessage", OtaXml.Namespace);
            w.WriteAttributeString("LocatorID", OtaXml.Int(++locator));
            WriteControl(w, run, target, target.RatePlanId);
            w.WriteStartElement("LengthsOfStay", OtaXml.Namespace);
            WriteLengthOfStay(w, run.State.MinStay, "SetMinLOS");
            WriteLengthOfStay(w, run.State.MaxStay, "SetMaxLOS");
            w.WriteEndElement();
            WriteRestriction(w, run.State.ClosedToArrival, "Arrival");
            w.WriteEndElement();
        }

        foreach (var run in departures)
        {
            w.WriteStartElement("AvailStatusMessage", OtaXml.Namespace);
            w.WriteAttributeString("LocatorID", OtaXml.Int(++locator));
            WriteControl(w, run, target, target.RatePlanId);
            WriteRestriction(w, run.State.Closed, "Departure");
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteRates(XmlWriter w, BookingComTarget target, DateTimeOffset timestamp, string otaTarget, IReadOnlyList<OtaNightRun<RateState>> rates)
    {
        WriteRoot(w, "OTA_HotelRateAmountNotifRQ", timestamp, otaTarget);
        w.WriteStartElement("RateAmountMessages", OtaXml.Namespace);
        w.WriteAttributeString("HotelCode", target.HotelId);
        foreach (var run in rates)
        {
            w.WriteStartElement("RateAmountMessage", OtaXml.Namespace);
            WriteControl(w, run, target, target.RatePlanId);
            w.WriteStartElement("Rates", OtaXml.Namespace);
            w.WriteStartElement("Rate", OtaXml.Namespace);
            w.WriteStartElement("BaseByGuestAmts", OtaXml.Namespace);
            w.WriteStartElement("BaseByGuestAmt", OtaXml.Namespace);
            w.WriteAttributeString("AmountAfterTax", OtaXml.Amount(run.State.Amount));
            w.WriteAttributeString("CurrencyCode", run.State.Currency);
            if (target.NumberOfGuests is { } guests)
            {
                w.WriteAttributeString("NumberOfGuests", OtaXml.Int(guests));
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteRoot(XmlWriter w, string name, DateTimeOffset timestamp, string otaTarget)
    {
        w.WriteStartElement(name, OtaXml.Namespace);
        w.WriteAttributeString("TimeStamp", OtaXml.Timestamp(timestamp));
        w.WriteAttributeString("Target", otaTarget);
        w.WriteAttributeString("Version", OtaMessageVersion.Value);
    }

    private static void WriteControl<T>(XmlWriter w, OtaNightRun<T> run, BookingComTarget target, string? ratePlan)
    {
        w.WriteStartElement("StatusApplicationControl", OtaXml.Namespace);
        w.WriteAttributeString("Start", OtaXml.Date(run.Start));
        w.WriteAttributeString("End", OtaXml.Date(run.End));
        w.WriteAttributeString("InvTypeCode", target.RoomId);
        if (ratePlan is not null)
        {
            w.WriteAttributeString("RatePlanCode", ratePlan);
        }

        w.WriteEndElement();
    }

    private static void WriteLengthOfStay(XmlWriter w, int nights, string type)
    {
        w.WriteStartElement("LengthOfStay", OtaXml.Namespace);
        w.WriteAttributeString("Time", OtaXml.Int(nights));
        w.WriteAttributeString("TimeUnit", "Day");
        w.WriteAttributeString("MinMaxMessageType", type);
        w.WriteEndElement();
    }

    private static void WriteRestriction(XmlWriter w, bool closed, string restriction)
    {
        w.WriteStartElement("RestrictionStatus", OtaXml.Namespace);
        w.WriteAttributeString("Status", closed ? "Close" : "Open");
        w.WriteAttributeString("Restriction", restriction);
        w.WriteEndElement();
    }

    private sealed record RoomState(int BookingLimit, bool Open);

    private sealed record RateRestrictionState(int MinStay, int MaxStay, bool ClosedToArrival);

    private sealed record DepartureState(bool Closed);

    private sealed record RateState(decimal Amount, string Currency);
}
