using System.Xml.Linq;
using ChannelManager.Adapters.FewoDirekt.Api;

namespace ChannelManager.Adapters.FewoDirekt.Ari;

/// <summary>Reads the <c>unitAvailabilityContent</c> and <c>lodgingRateContent</c> the platform returns for a read-back.</summary>
internal static class FewoCalendarParser
{
    /// <summary>The nights described by an availability document (a part absent from it stays <see langword="null"/>).</summary>
    /// <exception cref="FormatException">When the document is not valid.</exception>
    public static Dictionary<DateOnly, PlatformCalendarNight> Availability(XDocument document)
    {
        var root = document.Root;
        if (root?.Name.LocalName != "unitAvailabilityContent")
        {
            throw new FormatException($"expected unitAvailabilityContent, got {root?.Name.LocalName ?? "nothing"}.");
        }

        var availability = root.Child("unitAvailability");
        var (first, count) = Range(availability.Child("dateRange"));
        var configuration = availability.Child("unitAvailabilityConfiguration");
        var open = configuration.Text("availability");
        var changeOver = configuration.Text("changeOver");
        var minStay = List(configuration.Text("minStay"), "minStay");
        var maxStay = List(configuration.Text("maxStay"), "maxStay");
        if ((open is not null && open.Length != count) || (changeOver is not null && changeOver.Length != count) ||
            (minStay is not null && minStay.Length != count) || (maxStay is not null && maxStay.Length != count))
        {
            throw new FormatException("unitAvailabilityConfiguration does not describe every day of its dateRange.");
        }

        var nights = new Dictionary<DateOnly, PlatformCalendarNight>();
        for (var i = 0; i < count; i++)
        {
            var (cta, ctd) = changeOver is null ? ((bool?)null, (bool?)null) : ChangeOver(changeOver[i]);
            nights[first.AddDays(i)] = new PlatformCalendarNight
            {
                Date = first.AddDays(i),
                IsBookable = open is null ? null : open[i] switch { 'Y' => true, 'N' => false, _ => throw new FormatException($"availability holds '{open[i]}'.") },
                MinStay = minStay is null || minStay[i] == FewoDirektWire.NoStayLimit ? null : minStay[i],
                MaxStay = maxStay is null || maxStay[i] == FewoDirektWire.NoStayLimit ? null : maxStay[i],
                ClosedToArrival = cta,
                ClosedToDeparture = ctd,
            };
        }

        return nights;
    }

    /// <summary>The nightly rates of a rate document, by night.</summary>
    /// <exception cref="FormatException">When the document is not valid.</exception>
    public static Dictionary<DateOnly, decimal> Rates(XDocument document)
    {
        var root = document.Root;
        if (root?.Name.LocalName != "lodgingRateContent")
        {
            throw new FormatException($"expected lodgingRateContent, got {root?.Name.LocalName ?? "nothing"}.");
        }

        var rates = new Dictionary<DateOnly, decimal>();
        foreach (var rate in root.Child("lodgingRate").Child("nightlyRates").Children("nightlyRate"))
        {
            var (first, count) = Range(rate.Child("dateRange"));
            var amount = FewoXml.ParseAmount(rate.Text("amount")) ?? throw new FormatException("a nightlyRate has no valid amount.");
            for (var i = 0; i < count; i++)
            {
                rates[first.AddDays(i)] = amount;
            }
        }

        return rates;
    }

    private static (bool ClosedToArrival, bool ClosedToDeparture) ChangeOver(char c) => c switch
    {
        'C' => (false, false),
        'I' => (false, true),
        'O' => (true, false),
        'X' => (true, true),
        _ => throw new FormatException($"changeOver holds '{c}'."),
    };

    private static (DateOnly First, int Count) Range(XElement? range)
    {
        var begin = FewoXml.ParseDate(range.Text("beginDate"));
        var end = FewoXml.ParseDate(range.Text("endDate"));
        if (begin is null || end is null)
        {
            throw new FormatException("a dateRange has no valid beginDate/endDate.");
        }

        var count = end.Value.DayNumber - begin.Value.DayNumber + (FewoDirektWire.ContentEndDateInclusive ? 1 : 0);
        if (count is < 0 or > 3 * FewoDirektWire.MaxDaysPerDocument)
        {
            throw new FormatException("a dateRange ends before it begins or is too long.");
        }

        return (begin.Value, count);
    }

    private static int[]? List(string? text, string name)
    {
        if (text is null)
        {
            return null;
        }

        return text.Split(',').Select(part => FewoXml.ParseInt(part.Trim()) is { } n and >= 0 ? n : throw new FormatException($"{name} holds '{part}'.")).ToArray();
    }
}
