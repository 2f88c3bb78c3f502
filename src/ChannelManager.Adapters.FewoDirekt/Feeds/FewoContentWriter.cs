using System.Xml;
using ChannelManager.Adapters.FewoDirekt.Api;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.FewoDirekt.Feeds;

/// <summary>One entry of an advertiser's index.</summary>
/// <param name="ListingId">The <c>listingExternalId</c>.</param>
/// <param name="UnitId">The <c>unitExternalId</c> (not written for listing entries).</param>
/// <param name="LastUpdated">When the content last changed.</param>
/// <param name="ContentUrl">Where the content is read.</param>
internal sealed record FewoIndexEntry(string ListingId, string UnitId, DateTimeOffset LastUpdated, Uri ContentUrl);

/// <summary>
/// Writes the feed documents (platforms.md §4, assumed details in <see cref="FewoDirektWire"/>): the indexes, and per
/// unit the whole-range <c>unitAvailabilityContent</c> (one <c>availability</c> Y/N and one <c>changeOver</c>
/// C|I|O|X character per day from <c>beginDate</c>, <c>minStay</c>/<c>maxStay</c> comma lists) and the
/// <c>lodgingRateContent</c> whose <c>nightlyRate</c> ranges merge runs of nights with equal rate and currency.
/// </summary>
internal static class FewoContentWriter
{
    /// <summary>The change-over character of a night: C both, I check-in only, O check-out only, X neither.</summary>
    public static char ChangeOver(bool closedToArrival, bool closedToDeparture) => (closedToArrival, closedToDeparture) switch
    {
        (false, false) => 'C',
        (false, true) => 'I',
        (true, false) => 'O',
        (true, true) => 'X',
    };

    /// <summary>The unit availability content of consecutive days (at least one).</summary>
    public static byte[] UnitAvailability(FewoDirektTarget target, IReadOnlyList<AriDay> days) =>
        FewoXml.Write(w =>
        {
            w.WriteStartElement(FewoDirektWire.UnitAvailabilityRoot);
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
            w.WriteElementString("availability", new string(days.Select(d => d.IsBookable ? 'Y' : 'N').ToArray()));
            w.WriteElementString("changeOver", new string(days.Select(d => ChangeOver(d.ClosedToArrival, d.ClosedToDeparture)).ToArray()));
            w.WriteElementString("minStay", string.Join(',', days.Select(d => FewoXml.Int(Limit(d.MinStay)))));
            w.WriteElementString("maxStay", string.Join(',', days.Select(d => FewoXml.Int(Limit(d.MaxStay)))));
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });

    /// <summary>The lodging rate content; nights without a rate, or with a rate but no known currency, are left out.</summary>
    /// <param name="target">The unit.</param>
    /// <param name="days">The days.</param>
    /// <param name="nightsWithoutCurrency">How many nights had a rate but no currency.</param>
    /// <returns>The document.</returns>
    public static byte[] LodgingRate(FewoDirektTarget target, IReadOnlyList<AriDay> days, out int nightsWithoutCurrency)
    {
        var runs = RateRuns(target, days, out nightsWithoutCurrency);
        return FewoXml.Write(w =>
        {
            w.WriteStartElement(FewoDirektWire.LodgingRateRoot);
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
    }

    /// <summary>The listing content: ids and whether the listing is active (descriptions, photos and amenities are the PMS's content, not the channel manager's).</summary>
    public static byte[] Listing(FewoDirektTarget target) =>
        FewoXml.Write(w =>
        {
            w.WriteStartElement(FewoDirektWire.ListingRoot);
            w.WriteElementString("externalId", target.ListingId);
            w.WriteElementString("active", "true");
            w.WriteStartElement("units");
            w.WriteStartElement("unit");
            w.WriteElementString("externalId", target.UnitId);
            w.WriteElementString("active", "true");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });

    /// <summary>The lodging configuration content: instant booking (the PMS is the system of record and accepts every <c>bookingRequest</c>).</summary>
    public static byte[] LodgingConfiguration(FewoDirektTarget target) =>
        FewoXml.Write(w =>
        {
            w.WriteStartElement(FewoDirektWire.LodgingConfigurationRoot);
            w.WriteElementString("listingExternalId", target.ListingId);
            w.WriteElementString("unitExternalId", target.UnitId);
            w.WriteStartElement("lodgingConfiguration");
            w.WriteStartElement("bookingPolicy");
            w.WriteElementString("policy", "INSTANT");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });

    /// <summary>The advertisers index: per advertiser its id and the URLs of its four indexes.</summary>
    public static byte[] Advertisers(IEnumerable<string> advertiserIds, Func<string, FewoFeedKind, Uri> indexUrl) =>
        FewoXml.Write(w =>
        {
            w.WriteStartElement(FewoDirektWire.AdvertisersRoot);
            foreach (var advertiser in advertiserIds)
            {
                w.WriteStartElement("advertiser");
                w.WriteElementString("assignedId", advertiser);
                foreach (var kind in Enum.GetValues<FewoFeedKind>())
                {
                    w.WriteElementString(FewoDirektWire.IndexUrlElement(kind), indexUrl(advertiser, kind).AbsoluteUri);
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        });

    /// <summary>An advertiser's index of one kind.</summary>
    public static byte[] Index(FewoFeedKind kind, string advertiserId, IEnumerable<FewoIndexEntry> entries) =>
        FewoXml.Write(w =>
        {
            w.WriteStartElement(FewoDirektWire.IndexRoot(kind));
            w.WriteStartElement("advertiser");
            w.WriteElementString("assignedId", advertiserId);
            foreach (var entry in entries)
            {
                w.WriteStartElement(FewoDirektWire.IndexEntry(kind));
                w.WriteElementString("listingExternalId", entry.ListingId);
                if (kind != FewoFeedKind.Listing)
                {
                    w.WriteElementString("unitExternalId", entry.UnitId);
                }

                w.WriteElementString("lastUpdatedDate", FewoXml.Timestamp(entry.LastUpdated));
                w.WriteElementString(FewoDirektWire.ContentUrlElement(kind), entry.ContentUrl.AbsoluteUri);
                w.WriteEndElement();
            }

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

    private static List<RateRun> RateRuns(FewoDirektTarget target, IReadOnlyList<AriDay> days, out int nightsWithoutCurrency)
    {
        nightsWithoutCurrency = 0;
        var runs = new List<RateRun>();
        foreach (var day in days)
        {
            if (day.Rate is not { } rate)
            {
                continue;
            }

            var currency = day.Currency?.Trim().ToUpperInvariant() is { Length: > 0 } c ? c : target.Currency;
            if (currency is null)
            {
                nightsWithoutCurrency++;
                continue;
            }

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
