using System.Xml;
using ChannelManager.Adapters.FewoDirekt.Api;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.FewoDirekt.Ari;

/// <summary>What a document carries.</summary>
internal enum FewoDocumentKind
{
    /// <summary><c>unitAvailabilityContent</c>: availability and/or change-over, min/max stay.</summary>
    Availability,

    /// <summary><c>lodgingRateContent</c>: nightly rates.</summary>
    Rates,
}

/// <summary>One document to send.</summary>
internal sealed record FewoAriDocument(FewoDocumentKind Kind, DateOnly First, DateOnly Last, byte[] Body);

/// <summary>
/// Writes the push of a run of nights (platforms.md §4): per chunk of at most
/// <see cref="FewoDirektWire.MaxDaysPerDocument"/> days, one <c>unitAvailabilityContent</c> (whole-range state: one
/// <c>availability</c> Y/N and one <c>changeOver</c> C|I|O|X character per day from <c>beginDate</c>, <c>minStay</c>
/// and <c>maxStay</c> comma lists) and one <c>lodgingRateContent</c> whose <c>nightlyRate</c> ranges merge runs of
/// nights with equal rate and currency. Scope decides which parts are written; nights without a rate are not sent.
/// </summary>
internal static class FewoAriDocumentBuilder
{
    /// <summary>Builds the documents, in date order (availability before rates within a chunk).</summary>
    /// <exception cref="ArgumentException">When a night to push has a rate but no currency is known.</exception>
    public static IReadOnlyList<FewoAriDocument> Build(FewoDirektTarget target, IReadOnlyList<AriDay> days, Adapters.AriPushScope scope)
    {
        var documents = new List<FewoAriDocument>();
        var withAvailability = (scope & Adapters.AriPushScope.Availability) != 0;
        var withRestrictions = (scope & Adapters.AriPushScope.Restrictions) != 0;
        var withRates = (scope & Adapters.AriPushScope.Rates) != 0;
        foreach (var chunk in days.Chunk(FewoDirektWire.MaxDaysPerDocument))
        {
            if (withAvailability || withRestrictions)
            {
                documents.Add(new FewoAriDocument(FewoDocumentKind.Availability, chunk[0].Date, chunk[^1].Date, Availability(target, chunk, withAvailability, withRestrictions)));
            }

            if (withRates && RateRuns(target, chunk) is { Count: > 0 } runs)
            {
                documents.Add(new FewoAriDocument(FewoDocumentKind.Rates, chunk[0].Date, chunk[^1].Date, Rates(target, runs)));
            }
        }

        return documents;
    }

    /// <summary>The change-over character of a night: C both, I check-in only, O check-out only, X neither.</summary>
    public static char ChangeOver(bool closedToArrival, bool closedToDeparture) => (closedToArrival, closedToDeparture) switch
    {
        (false, false) => 'C',
        (false, true) => 'I',
        (true, false) => 'O',
        (true, true) => 'X',
    };

    private static byte[] Availability(FewoDirektTarget target, AriDay[] days, bool withAvailability, bool withRestrictions) =>
        FewoXml.Write(w =>
        {
            w.WriteStartElement("unitAvailabilityContent");
            w.WriteElementString("listingExternalId", target.ListingId);
            w.WriteElementString("unitExternalId", target.UnitId);
            w.WriteStartElement("unitAvailability");
            w.WriteElementString("availabilityDefault", "N");
            w.WriteElementString("changeOverDefault", "C");
            w.WriteElementString("minStayDefault", FewoXml.Int(FewoDirektWire.NoStayLimit));
            w.WriteElementString("maxStayDefault", FewoXml.Int(FewoDirektWire.NoStayLimit));
            w.WriteElementString("minPriorNotifyDefault", "0");
            WriteRange(w, days[0].Date, days[^1].Date);
            w.WriteStartElement("unitAvailabilityConfiguration");
            if (withAvailability)
            {
                w.WriteElementString("availability", new string(days.Select(d => d.IsBookable ? 'Y' : 'N').ToArray()));
            }

            if (withRestrictions)
            {
                w.WriteElementString("changeOver", new string(days.Select(d => ChangeOver(d.ClosedToArrival, d.ClosedToDeparture)).ToArray()));
                w.WriteElementString("minStay", string.Join(',', days.Select(d => FewoXml.Int(Limit(d.MinStay)))));
                w.WriteElementString("maxStay", string.Join(',', days.Select(d => FewoXml.Int(Limit(d.MaxStay)))));
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });

    private static byte[] Rates(FewoDirektTarget target, List<RateRun> runs) =>
        FewoXml.Write(w =>
        {
            w.WriteStartElement("lodgingRateContent");
            w.WriteElementString("listingExternalId", target.ListingId);
            w.WriteElementString("unitExternalId", target.UnitId);
            w.WriteStartElement("lodgingRate");
            w.WriteStartElement("nightlyRates");
            foreach (var run in runs)
            {
                w.WriteStartElement("nightlyRate");
                WriteRange(w, run.First, run.Last);
                w.WriteStartElement("amount");
                w.WriteAttributeString("currency", run.Currency);
                w.WriteString(FewoXml.Amount(run.Rate));
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });

    private static void WriteRange(XmlWriter w, DateOnly first, DateOnly last)
    {
        w.WriteStartElement("dateRange");
        w.WriteElementString("beginDate", FewoXml.Date(first));
        w.WriteElementString("endDate", FewoXml.Date(FewoDirektWire.ContentEndDateInclusive ? last : last.AddDays(1)));
        w.WriteEndElement();
    }

    private static int Limit(int? nights) => nights is > 0 ? nights.Value : FewoDirektWire.NoStayLimit;

    private static List<RateRun> RateRuns(FewoDirektTarget target, AriDay[] days)
    {
        var runs = new List<RateRun>();
        foreach (var day in days)
        {
            if (day.Rate is not { } rate)
            {
                continue;
            }

            var currency = day.Currency?.Trim().ToUpperInvariant() ?? target.Currency
                ?? throw new ArgumentException($"The night {FewoXml.Date(day.Date)} has a rate but no currency, and the connection sets no '{FewoDirektMetadataKeys.Currency}'.");
            if (runs.Count > 0 && runs[^1] is var last && last.Last.AddDays(1) == day.Date && last.Rate == rate && last.Currency == currency)
            {
                runs[^1] = last with { Last = day.Date };
            }
            else
            {
                runs.Add(new RateRun(day.Date, day.Date, rate, currency));
            }
        }

        return runs;
    }

    private sealed record RateRun(DateOnly First, DateOnly Last, decimal Rate, string Currency);
}
