using System.Xml;
using ChannelManager.Adapters.Google.Api;
using ChannelManager.Adapters.Shared.Ota;
using ChannelManager.Common;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.Google.Ari;

/// <summary>Which OTA message a request is.</summary>
internal enum GoogleAriKind
{
    /// <summary><c>OTA_HotelInvCountNotifRQ</c>: units to sell.</summary>
    InvCount = 1,

    /// <summary><c>OTA_HotelAvailNotifRQ</c>: open/close, LOS, closed to arrival/departure.</summary>
    Avail = 2,

    /// <summary><c>OTA_HotelRateAmountNotifRQ</c>: nightly rates.</summary>
    RateAmount = 3,
}

/// <summary>One request body.</summary>
/// <param name="Kind">The message.</param>
/// <param name="Messages">How many <c>Inventory</c>/<c>AvailStatusMessage</c>/<c>RateAmountMessage</c> elements it holds.</param>
/// <param name="Body">The UTF-8 XML.</param>
internal sealed record GoogleAriRequest(GoogleAriKind Kind, int Messages, byte[] Body);

/// <summary>The limits a push respects.</summary>
/// <param name="Earliest">The first night pushed (earlier nights are left out).</param>
/// <param name="Latest">The last night pushed (the booking window).</param>
/// <param name="MaxMessagesPerRequest">At most this many messages per request.</param>
/// <param name="MaxLengthOfStay">The longest stay sold; "no maximum" and larger maximums are sent as this.</param>
internal sealed record GoogleAriLimits(DateOnly Earliest, DateOnly Latest, int MaxMessagesPerRequest, int MaxLengthOfStay);

/// <summary>
/// Turns nights into Google's OTA ARI messages (platforms.md §5), written with <see cref="XmlWriter"/>, each with
/// <c>POS/Source/RequestorID/@ID</c> = the partner key (and <c>@Type="22"</c>, which the OTA schema requires):
/// <list type="bullet">
/// <item><c>OTA_HotelInvCountNotifRQ</c>: <c>InvCount Count CountType="2"</c> = units to sell, 0 when the night cannot be booked (Availability).</item>
/// <item><c>OTA_HotelAvailNotifRQ</c>: per room (no <c>RatePlanCode</c>) <c>RestrictionStatus Status="Open|Close"</c>
/// (Availability); per package <c>LengthsOfStay SetMinLOS/SetMaxLOS</c> with <c>RestrictionStatus Restriction="Arrival"</c>,
/// and <c>Restriction="Departure"</c> (Restrictions). Avail messages are deltas, so every restriction is always sent.</item>
/// <item><c>OTA_HotelRateAmountNotifRQ NotifType="Overlay"</c>: <c>BaseByGuestAmt AmountBeforeTax AmountAfterTax CurrencyCode</c> (Rates).</item>
/// </list>
/// Consecutive nights with equal values share one <c>Start</c>..<c>End</c> range (both inclusive); nights outside the
/// limits' window are left out; a request holds at most <see cref="GoogleAriLimits.MaxMessagesPerRequest"/> messages.
/// </summary>
internal static class GoogleAriMessageBuilder
{
    /// <summary>
    /// <c>RequestorID/@Type</c>: OTA code list UIT 22, "ERSP" (electronic reservation service provider). Google's
    /// examples leave it out, but the OTA 2015A schema requires it; Google reads only <c>@ID</c>.
    /// </summary>
    private const string RequestorIdType = "22";

    public static IReadOnlyList<GoogleAriRequest> Build(
        GoogleTarget target,
        IReadOnlyList<AriDay> days,
        AriPushScope scope,
        DateTimeOffset timestamp,
        string partnerKey,
        GoogleAriLimits limits)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(limits);
        var ordered = days.Where(d => d.Date >= limits.Earliest && d.Date <= limits.Latest).OrderBy(d => d.Date).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Date == ordered[i - 1].Date)
            {
                throw new ArgumentException($"The night {ordered[i].Date:yyyy-MM-dd} is given twice.", nameof(days));
            }
        }

        var maxLos = limits.MaxLengthOfStay;
        var availability = scope.HasFlag(AriPushScope.Availability);
        var restrictionsOn = scope.HasFlag(AriPushScope.Restrictions);
        var counts = availability ? OtaNightRuns.Of(ordered, d => new CountState(d.IsBookable ? Math.Max(0, d.AvailableUnits) : 0)) : [];
        var open = availability ? OtaNightRuns.Of(ordered, d => new OpenState(d.IsBookable)) : [];
        var stays = restrictionsOn
            ? OtaNightRuns.Of(ordered, d => new StayState(Math.Min(d.MinStay is >= 1 ? d.MinStay.Value : 1, maxLos), d.MaxStay is >= 1 ? Math.Min(d.MaxStay.Value, maxLos) : maxLos, d.ClosedToArrival))
            : [];
        var departures = restrictionsOn ? OtaNightRuns.Of(ordered, d => new DepartureState(d.ClosedToDeparture)) : [];
        var rates = scope.HasFlag(AriPushScope.Rates) ? OtaNightRuns.Of(ordered, d => d.Rate is { } rate ? new RateState(rate, CurrencyOf(d, target)) : null) : [];

        var requests = new List<GoogleAriRequest>();
        var size = limits.MaxMessagesPerRequest;
        foreach (var chunk in counts.Chunk(size))
        {
            requests.Add(new GoogleAriRequest(GoogleAriKind.InvCount, chunk.Length, OtaXml.Write(w => WriteInvCount(w, target, timestamp, partnerKey, Echo("inv", timestamp, requests.Count), chunk))));
        }

        var availMessages = open.Select(r => (AvailMessage)new OpenMessage(r))
            .Concat(stays.Select(r => (AvailMessage)new StayMessage(r)))
            .Concat(departures.Select(r => (AvailMessage)new DepartureMessage(r)))
            .ToArray();
        foreach (var chunk in availMessages.Chunk(size))
        {
            requests.Add(new GoogleAriRequest(GoogleAriKind.Avail, chunk.Length, OtaXml.Write(w => WriteAvail(w, target, timestamp, partnerKey, Echo("avail", timestamp, requests.Count), chunk))));
        }

        foreach (var chunk in rates.Chunk(size))
        {
            requests.Add(new GoogleAriRequest(GoogleAriKind.RateAmount, chunk.Length, OtaXml.Write(w => WriteRates(w, target, timestamp, partnerKey, Echo("rate", timestamp, requests.Count), chunk))));
        }

        return requests;
    }

    /// <summary>A unique-per-push, deterministic <c>EchoToken</c>: kind, time to the millisecond, request index.</summary>
    private static string Echo(string kind, DateTimeOffset timestamp, int index) =>
        FormattableString.Invariant($"cm-{kind}-{timestamp.ToUnixTimeMilliseconds()}-{index + 1}");

    private static string CurrencyOf(AriDay day, GoogleTarget target)
    {
        var currency = day.Currency?.Trim().ToUpperInvariant() ?? target.Currency;
        if (currency is null)
        {
            throw new ChannelManagerValidationException(
                "platform_metadata." + GoogleMetadataKeys.Currency,
                $"The rate of {day.Date:yyyy-MM-dd} has no currency and the connection's platform metadata sets none.");
        }

        return currency;
    }

    private static void WriteInvCount(XmlWriter w, GoogleTarget target, DateTimeOffset timestamp, string partnerKey, string echo, IReadOnlyList<OtaNightRun<CountState>> runs)
    {
        WriteRoot(w, "OTA_HotelInvCountNotifRQ", timestamp, partnerKey, echo, notifType: null);
        w.WriteStartElement("Inventories", OtaXml.Namespace);
        w.WriteAttributeString("HotelCode", target.HotelCode);
        foreach (var run in runs)
        {
            w.WriteStartElement("Inventory", OtaXml.Namespace);
            WriteControl(w, run, target, ratePlan: null);
            w.WriteStartElement("InvCounts", OtaXml.Namespace);
            w.WriteStartElement("InvCount", OtaXml.Namespace);
            w.WriteAttributeString("Count", OtaXml.Int(run.State.Count));
            w.WriteAttributeString("CountType", "2");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteAvail(XmlWriter w, GoogleTarget target, DateTimeOffset timestamp, string partnerKey, string echo, IReadOnlyList<AvailMessage> messages)
    {
        WriteRoot(w, "OTA_HotelAvailNotifRQ", timestamp, partnerKey, echo, notifType: null);
        w.WriteStartElement("AvailStatusMessages", OtaXml.Namespace);
        w.WriteAttributeString("HotelCode", target.HotelCode);
        foreach (var message in messages)
        {
            w.WriteStartElement("AvailStatusMessage", OtaXml.Namespace);
            switch (message)
            {
                case OpenMessage open:
                    WriteControl(w, open.Run, target, ratePlan: null);
                    w.WriteStartElement("RestrictionStatus", OtaXml.Namespace);
                    w.WriteAttributeString("Status", open.Run.State.Open ? "Open" : "Close");
                    w.WriteEndElement();
                    break;
                case StayMessage stay:
                    WriteControl(w, stay.Run, target, target.RatePlanId);
                    w.WriteStartElement("LengthsOfStay", OtaXml.Namespace);
                    WriteLengthOfStay(w, stay.Run.State.MinStay, "SetMinLOS");
                    WriteLengthOfStay(w, stay.Run.State.MaxStay, "SetMaxLOS");
                    w.WriteEndElement();
                    WriteRestriction(w, stay.Run.State.ClosedToArrival, "Arrival");
                    break;
                case DepartureMessage departure:
                    WriteControl(w, departure.Run, target, target.RatePlanId);
                    WriteRestriction(w, departure.Run.State.Closed, "Departure");
                    break;
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteRates(XmlWriter w, GoogleTarget target, DateTimeOffset timestamp, string partnerKey, string echo, IReadOnlyList<OtaNightRun<RateState>> runs)
    {
        WriteRoot(w, "OTA_HotelRateAmountNotifRQ", timestamp, partnerKey, echo, notifType: "Overlay");
        w.WriteStartElement("RateAmountMessages", OtaXml.Namespace);
        w.WriteAttributeString("HotelCode", target.HotelCode);
        foreach (var run in runs)
        {
            w.WriteStartElement("RateAmountMessage", OtaXml.Namespace);
            WriteControl(w, run, target, target.RatePlanId);
            w.WriteStartElement("Rates", OtaXml.Namespace);
            w.WriteStartElement("Rate", OtaXml.Namespace);
            w.WriteStartElement("BaseByGuestAmts", OtaXml.Namespace);
            w.WriteStartElement("BaseByGuestAmt", OtaXml.Namespace);
            w.WriteAttributeString("AmountBeforeTax", OtaXml.Amount(run.State.Amount));
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

    private static void WriteRoot(XmlWriter w, string name, DateTimeOffset timestamp, string partnerKey, string echo, string? notifType)
    {
        w.WriteStartElement(name, OtaXml.Namespace);
        w.WriteAttributeString("EchoToken", echo);
        w.WriteAttributeString("TimeStamp", OtaXml.Timestamp(timestamp));
        w.WriteAttributeString("Version", OtaMessageVersion.Value);
        if (notifType is not null)
        {
            w.WriteAttributeString("NotifType", notifType);
        }

        w.WriteStartElement("POS", OtaXml.Namespace);
        w.WriteStartElement("Source", OtaXml.Namespace);
        w.WriteStartElement("RequestorID", OtaXml.Namespace);
        w.WriteAttributeString("Type", RequestorIdType);
        w.WriteAttributeString("ID", partnerKey);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteControl<T>(XmlWriter w, OtaNightRun<T> run, GoogleTarget target, string? ratePlan)
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

    private abstract record AvailMessage;

    private sealed record OpenMessage(OtaNightRun<OpenState> Run) : AvailMessage;

    private sealed record StayMessage(OtaNightRun<StayState> Run) : AvailMessage;

    private sealed record DepartureMessage(OtaNightRun<DepartureState> Run) : AvailMessage;

    private sealed record CountState(int Count);

    private sealed record OpenState(bool Open);

    private sealed record StayState(int MinStay, int MaxStay, bool ClosedToArrival);

    private sealed record DepartureState(bool Closed);

    private sealed record RateState(decimal Amount, string Currency);
}
