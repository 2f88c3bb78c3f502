using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.FewoDirekt;

/// <summary>
/// The simulated Vrbo's documents (HomeAway-XML, no namespace; platforms.md §4) and the ASSUMED details the adapter
/// shares (its <c>FewoDirektWire</c>): index roots <c>{stem}ContentIndex</c> with <c>{stem}ContentIndexEntry</c> and
/// <c>{stem}ContentUrl</c>, content <c>dateRange/endDate</c> is the last day described, <c>0</c> in
/// <c>minStay</c>/<c>maxStay</c> means no limit, booking states <c>BOOKED|MODIFIED|CANCELLED</c> in
/// <c>reservationStatus</c>, <c>reservationId</c>, the <c>bookingResponse</c> answer.
/// </summary>
internal static class FewoDirektWire
{
    public const int MaxDaysPerDocument = 1100;

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
    };

    private static readonly XmlReaderSettings ReaderSettings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };

    /// <summary>One entry of a partner's content index.</summary>
    internal sealed record IndexEntry(string ListingId, string? UnitId, DateTimeOffset LastUpdated, Uri ContentUrl);

    /// <summary>One day of an availability document; a part absent from the document is <see langword="null"/>.</summary>
    internal sealed record AvailabilityDay(DateOnly Date, bool? Available, bool? ClosedToArrival, bool? ClosedToDeparture, int? MinStay, int? MaxStay);

    public static XDocument Parse(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), ReaderSettings);
        return XDocument.Load(reader);
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Amount(decimal amount) => amount.ToString("0.00##########", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string? text) =>
        text is not null && DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static XElement? Child(this XElement? element, string name) => element?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static string? Text(this XElement? element, string name) => element.Child(name)?.Value.Trim() is { Length: > 0 } t ? t : null;

    /// <summary>Reads a partner's <c>unitAvailabilityContent</c>.</summary>
    /// <exception cref="FormatException">With the platform's error text.</exception>
    public static (string Listing, string Unit, IReadOnlyList<AvailabilityDay> Days) ReadAvailability(XDocument document)
    {
        var root = document.Root;
        if (root?.Name.LocalName != "unitAvailabilityContent")
        {
            throw new FormatException("The document is not a unitAvailabilityContent.");
        }

        var listing = root.Text("listingExternalId") ?? throw new FormatException("listingExternalId is required.");
        var unit = root.Text("unitExternalId") ?? throw new FormatException("unitExternalId is required.");
        var availability = root.Child("unitAvailability") ?? throw new FormatException("unitAvailability is required.");
        var (first, count) = Range(availability.Child("dateRange"));
        var configuration = availability.Child("unitAvailabilityConfiguration") ?? throw new FormatException("unitAvailabilityConfiguration is required.");
        var open = configuration.Text("availability");
        var changeOver = configuration.Text("changeOver");
        var minStay = List(configuration.Text("minStay"), "minStay");
        var maxStay = List(configuration.Text("maxStay"), "maxStay");
        if ((open?.Length ?? count) != count || (changeOver?.Length ?? count) != count || (minStay?.Length ?? count) != count || (maxStay?.Length ?? count) != count)
        {
            throw new FormatException("availability, changeOver, minStay and maxStay must describe every day of the dateRange.");
        }

        var days = new List<AvailabilityDay>(count);
        for (var i = 0; i < count; i++)
        {
            bool? available = open is null ? null : open[i] switch { 'Y' => true, 'N' => false, _ => throw new FormatException($"availability: '{open[i]}' is not Y or N.") };
            bool? cta = null, ctd = null;
            if (changeOver is not null)
            {
                (cta, ctd) = changeOver[i] switch
                {
                    'C' => (false, false),
                    'I' => (false, true),
                    'O' => (true, false),
                    'X' => (true, true),
                    _ => throw new FormatException($"changeOver: '{changeOver[i]}' is not C, I, O or X."),
                };
            }

            days.Add(new AvailabilityDay(first.AddDays(i), available, cta, ctd, minStay?[i], maxStay?[i]));
        }

        return (listing, unit, days);
    }

    /// <summary>Reads a partner's <c>lodgingRateContent</c>: the nightly rate of each night it names.</summary>
    /// <exception cref="FormatException">With the platform's error text.</exception>
    public static (string Listing, string Unit, IReadOnlyList<(DateOnly Date, decimal Rate)> Rates) ReadRates(XDocument document)
    {
        var root = document.Root;
        if (root?.Name.LocalName != "lodgingRateContent")
        {
            throw new FormatException("The document is not a lodgingRateContent.");
        }

        var listing = root.Text("listingExternalId") ?? throw new FormatException("listingExternalId is required.");
        var unit = root.Text("unitExternalId") ?? throw new FormatException("unitExternalId is required.");
        var rates = new List<(DateOnly, decimal)>();
        var nightly = root.Child("lodgingRate").Child("nightlyRates")?.Elements().Where(e => e.Name.LocalName == "nightlyRate") ?? [];
        foreach (var rate in nightly)
        {
            var (first, count) = Range(rate.Child("dateRange"));
            var amountElement = rate.Child("amount") ?? throw new FormatException("nightlyRate/amount is required.");
            if (!decimal.TryParse(amountElement.Value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            {
                throw new FormatException($"nightlyRate/amount '{amountElement.Value.Trim()}' is not a positive decimal.");
            }

            if (amountElement.Attribute("currency")?.Value is not { Length: 3 })
            {
                throw new FormatException("nightlyRate/amount@currency must be an ISO 4217 code.");
            }

            for (var i = 0; i < count; i++)
            {
                rates.Add((first.AddDays(i), amount));
            }
        }

        return (listing, unit, rates);
    }

    /// <summary>Writes a booking as <c>bookingRequest</c> (new) or <c>bookingUpdate</c> (changed, or fetched).</summary>
    public static byte[] WriteBooking(FewoDirektReservation r, bool asRequest) =>
        Write(w =>
        {
            w.WriteStartElement(asRequest ? "bookingRequest" : "bookingUpdate");
            w.WriteElementString("documentVersion", "1.3");
            w.WriteElementString("advertiserAssignedId", r.AdvertiserId);
            w.WriteElementString("listingExternalId", r.ListingId);
            w.WriteElementString("unitExternalId", r.UnitId);
            w.WriteElementString("reservationId", r.ReservationId);
            w.WriteElementString("reservationStatus", r.Status);
            w.WriteElementString("lastUpdatedDate", Timestamp(r.LastUpdatedAt));
            w.WriteStartElement("inquirer");
            Optional(w, "firstName", r.FirstName);
            Optional(w, "lastName", r.LastName);
            Optional(w, "emailAddress", r.Email);
            Optional(w, "phoneNumber", r.Phone);
            w.WriteEndElement();
            w.WriteStartElement("reservation");
            w.WriteElementString("numberOfAdults", r.Adults.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("numberOfChildren", r.Children.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("numberOfPets", r.Pets.ToString(CultureInfo.InvariantCulture));
            w.WriteStartElement("reservationDates");
            w.WriteElementString("beginDate", Date(r.BeginDate));
            w.WriteElementString("endDate", Date(r.EndDate));
            w.WriteEndElement();
            w.WriteElementString("reservationOriginationDate", Timestamp(r.CreatedAt));
            w.WriteEndElement();
            w.WriteStartElement("orderItemList");
            OrderItem(w, "RENTAL", "Rent", r.Rent, r.Currency);
            if (r.CleaningFee is { } cleaning)
            {
                OrderItem(w, "MISC", "Cleaning fee", cleaning, r.Currency);
            }

            w.WriteEndElement();
            w.WriteStartElement("commission");
            w.WriteStartElement("amount");
            w.WriteAttributeString("currency", r.Currency);
            w.WriteString(Amount(Math.Round(r.Rent * 0.05m, 2)));
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("olbMeta");
            w.WriteStartElement("serviceFee");
            w.WriteAttributeString("currency", r.Currency);
            w.WriteString(Amount(r.ServiceFee));
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });

    /// <summary>Reads the partner's advertisers index: each advertiser's id and the URLs of its indexes, by element name.</summary>
    /// <exception cref="FormatException">When the document is not an advertisers index.</exception>
    public static IReadOnlyList<(string AdvertiserId, IReadOnlyDictionary<string, Uri> IndexUrls)> ReadAdvertisers(XDocument document)
    {
        var root = document.Root;
        if (root?.Name.LocalName != "advertisers")
        {
            throw new FormatException("The document is not an advertisers index.");
        }

        return root.Elements().Where(e => e.Name.LocalName == "advertiser").Select(a => (
            a.Text("assignedId") ?? throw new FormatException("advertiser/assignedId is required."),
            (IReadOnlyDictionary<string, Uri>)a.Elements().Where(e => e.Name.LocalName.EndsWith("ContentIndexUrl", StringComparison.Ordinal))
                .ToDictionary(e => e.Name.LocalName, e => AbsoluteUrl(e.Value)))).ToArray();
    }

    /// <summary>Reads an advertiser's index of one kind (<paramref name="stem"/>: <c>unitAvailability</c>, <c>lodgingRate</c>, …).</summary>
    /// <exception cref="FormatException">When the document is not that index.</exception>
    public static IReadOnlyList<IndexEntry> ReadIndex(XDocument document, string stem)
    {
        var root = document.Root;
        if (root?.Name.LocalName != stem + "ContentIndex")
        {
            throw new FormatException($"The document is not a {stem}ContentIndex.");
        }

        return root.Descendants().Where(e => e.Name.LocalName == stem + "ContentIndexEntry").Select(e => new IndexEntry(
            e.Text("listingExternalId") ?? throw new FormatException("an index entry has no listingExternalId."),
            e.Text("unitExternalId"),
            DateTimeOffset.TryParse(e.Text("lastUpdatedDate"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var updated) ? updated : throw new FormatException("an index entry has no valid lastUpdatedDate."),
            AbsoluteUrl(e.Text(stem + "ContentUrl") ?? throw new FormatException($"an index entry has no {stem}ContentUrl.")))).ToArray();
    }

    /// <summary>Reads the partner's <c>bookingResponse</c>: its <c>bookingStatus</c> and <c>externalId</c>.</summary>
    /// <exception cref="FormatException">When the document is not a booking response.</exception>
    public static (string Status, string? ExternalId) ReadBookingResponse(XDocument document)
    {
        var root = document.Root;
        if (root?.Name.LocalName != "bookingResponse")
        {
            throw new FormatException($"expected bookingResponse, got {root?.Name.LocalName ?? "nothing"}.");
        }

        var details = root.Child("bookingResponseDetails");
        return (details.Text("bookingStatus") ?? throw new FormatException("bookingResponseDetails/bookingStatus is missing."), details.Text("externalId"));
    }

    private static Uri AbsoluteUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new FormatException("a content or index URL is not an absolute http(s) URL.");

    private static (DateOnly First, int Count) Range(XElement? range)
    {
        var first = ParseDate(range.Text("beginDate")) ?? throw new FormatException("dateRange/beginDate must be a yyyy-MM-dd date.");
        var last = ParseDate(range.Text("endDate")) ?? throw new FormatException("dateRange/endDate must be a yyyy-MM-dd date.");
        var count = last.DayNumber - first.DayNumber + 1;
        if (count < 1 || count > MaxDaysPerDocument)
        {
            throw new FormatException($"dateRange must cover 1 to {MaxDaysPerDocument} days, endDate included.");
        }

        return (first, count);
    }

    private static int[]? List(string? text, string name) =>
        text?.Split(',').Select(p => int.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"{name}: '{p}' is not a number of nights.")).ToArray();

    private static void WriteRange(XmlWriter w, DateOnly first, DateOnly last)
    {
        w.WriteStartElement("dateRange");
        w.WriteElementString("beginDate", Date(first));
        w.WriteElementString("endDate", Date(last));
        w.WriteEndElement();
    }

    private static void Optional(XmlWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteElementString(name, value);
        }
    }

    private static void OrderItem(XmlWriter w, string feeType, string name, decimal amount, string currency)
    {
        w.WriteStartElement("orderItem");
        w.WriteElementString("feeType", feeType);
        w.WriteElementString("name", name);
        w.WriteStartElement("preTaxAmount");
        w.WriteAttributeString("currency", currency);
        w.WriteString(Amount(amount));
        w.WriteEndElement();
        w.WriteStartElement("totalAmount");
        w.WriteAttributeString("currency", currency);
        w.WriteString(Amount(amount));
        w.WriteEndElement();
        w.WriteElementString("status", "ACCEPTED");
        w.WriteEndElement();
    }

    private static byte[] Write(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, WriterSettings))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }
}
