using System.Text;
using System.Xml;
using System.Xml.Linq;
using ChannelManager.Connections;
using ChannelManager.Simulator.State;
using Microsoft.AspNetCore.Mvc;

namespace ChannelManager.Simulator.FewoDirekt;

/// <summary>
/// The simulated FeWo-direkt partner endpoint under <c>/fewo-direkt/</c> (paths ASSUMED, documents platforms.md §4):
/// <c>PUT|GET listings/{listing}/units/{unit}/availability</c> (<c>unitAvailabilityContent</c>),
/// <c>PUT|GET listings/{listing}/units/{unit}/rates</c> (<c>lodgingRateContent</c>),
/// <c>POST bookings/index</c> (<c>bookingContentIndexRequest</c> → <c>bookingContentIndex</c>) and
/// <c>GET bookings/{id}</c> (<c>bookingUpdate</c>). Every call needs HTTP Basic with the partner credentials.
/// A removed listing answers 404.
/// </summary>
internal static class FewoDirektEndpoints
{
    public static void Map(RouteGroupBuilder mount)
    {
        mount.MapPut("/listings/{listing}/units/{unit}/availability", PutAvailabilityAsync);
        mount.MapGet("/listings/{listing}/units/{unit}/availability", GetAvailability);
        mount.MapPut("/listings/{listing}/units/{unit}/rates", PutRatesAsync);
        mount.MapGet("/listings/{listing}/units/{unit}/rates", GetRates);
        mount.MapPost("/bookings/index", PostIndexAsync);
        mount.MapGet("/bookings/{id}", GetBooking);
    }

    private static async Task<IResult> PutAvailabilityAsync(string listing, string unit, HttpContext context, [FromServices] SimulatorState state, [FromServices] FewoDirektSimulatorOptions options)
    {
        if (Refuse(context, state, options, listing) is { } refused)
        {
            return refused;
        }

        string bodyListing, bodyUnit;
        IReadOnlyList<FewoDirektWire.AvailabilityDay> days;
        try
        {
            (bodyListing, bodyUnit, days) = FewoDirektWire.ReadAvailability(await ReadAsync(context));
        }
        catch (Exception ex) when (ex is FormatException or XmlException)
        {
            return FewoDirektWire.Error(StatusCodes.Status400BadRequest, "INVALID_CONTENT", ex.Message);
        }

        if (bodyListing != listing || bodyUnit != unit)
        {
            return FewoDirektWire.Error(StatusCodes.Status400BadRequest, "ID_MISMATCH", "listingExternalId/unitExternalId differ from the URL.");
        }

        lock (state.Gate)
        {
            foreach (var d in days)
            {
                var day = state.DayUnderLock(Platform.FewoDirekt, listing, d.Date);
                if (d.Available is { } available && day.ReservationCode is null)
                {
                    day = day with { IsAvailable = available };
                }

                if (d.MinStay is { } min)
                {
                    day = day with { MinNights = min == 0 ? null : min };
                }

                if (d.MaxStay is { } max)
                {
                    day = day with { MaxNights = max == 0 ? null : max };
                }

                day = day with { ClosedToArrival = d.ClosedToArrival ?? day.ClosedToArrival, ClosedToDeparture = d.ClosedToDeparture ?? day.ClosedToDeparture };
                state.SetDayUnderLock(Platform.FewoDirekt, listing, day);
            }
        }

        return Accepted();
    }

    private static async Task<IResult> PutRatesAsync(string listing, string unit, HttpContext context, [FromServices] SimulatorState state, [FromServices] FewoDirektSimulatorOptions options)
    {
        if (Refuse(context, state, options, listing) is { } refused)
        {
            return refused;
        }

        string bodyListing, bodyUnit;
        IReadOnlyList<(DateOnly Date, decimal Rate)> rates;
        try
        {
            (bodyListing, bodyUnit, rates) = FewoDirektWire.ReadRates(await ReadAsync(context));
        }
        catch (Exception ex) when (ex is FormatException or XmlException)
        {
            return FewoDirektWire.Error(StatusCodes.Status400BadRequest, "INVALID_CONTENT", ex.Message);
        }

        if (bodyListing != listing || bodyUnit != unit)
        {
            return FewoDirektWire.Error(StatusCodes.Status400BadRequest, "ID_MISMATCH", "listingExternalId/unitExternalId differ from the URL.");
        }

        lock (state.Gate)
        {
            foreach (var (date, rate) in rates)
            {
                state.SetDayUnderLock(Platform.FewoDirekt, listing, state.DayUnderLock(Platform.FewoDirekt, listing, date) with { DailyPrice = rate });
            }
        }

        return Accepted();
    }

    private static IResult GetAvailability(string listing, string unit, HttpContext context, [FromServices] SimulatorState state, [FromServices] FewoDirektSimulatorOptions options)
    {
        if (Refuse(context, state, options, listing) is { } refused)
        {
            return refused;
        }

        if (!TryRange(context, out var first, out var last, out var error))
        {
            return error;
        }

        return FewoDirektWire.Xml(FewoDirektWire.WriteAvailability(listing, unit, first, last, d => state.GetDay(Platform.FewoDirekt, listing, d)));
    }

    private static IResult GetRates(string listing, string unit, HttpContext context, [FromServices] SimulatorState state, [FromServices] FewoDirektSimulatorOptions options)
    {
        if (Refuse(context, state, options, listing) is { } refused)
        {
            return refused;
        }

        if (!TryRange(context, out var first, out var last, out var error))
        {
            return error;
        }

        var currency = context.Request.Query["currency"].ToString() is { Length: 3 } c ? c : "EUR";
        return FewoDirektWire.Xml(FewoDirektWire.WriteRates(listing, unit, currency, state.GetCalendar(Platform.FewoDirekt, listing, first, last.AddDays(1))));
    }

    private static async Task<IResult> PostIndexAsync(HttpContext context, [FromServices] SimulatorState state, [FromServices] FewoDirektSimulatorOptions options)
    {
        if (Refuse(context, state, options, listing: null) is { } refused)
        {
            return refused;
        }

        string advertiser;
        DateTimeOffset since;
        try
        {
            var root = (await ReadAsync(context)).Root;
            if (root?.Name.LocalName != "bookingContentIndexRequest")
            {
                throw new FormatException("The document is not a bookingContentIndexRequest.");
            }

            advertiser = root.Child("advertiser").Text("assignedId") ?? throw new FormatException("advertiser/assignedId is required.");
            since = DateTimeOffset.TryParse(root.Text("startDate"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var s)
                ? s
                : throw new FormatException("startDate is required.");
        }
        catch (Exception ex) when (ex is FormatException or XmlException)
        {
            return FewoDirektWire.Error(StatusCodes.Status400BadRequest, "INVALID_CONTENT", ex.Message);
        }

        var mount = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/{Platform.FewoDirekt.ToWebhookSlug()}/");
        return FewoDirektWire.Xml(FewoDirektWire.WriteIndex(advertiser, state.FewoDirekt.ChangedSince(advertiser, since), r => new Uri(mount, "bookings/" + Uri.EscapeDataString(r.ReservationId))));
    }

    private static IResult GetBooking(string id, HttpContext context, [FromServices] SimulatorState state, [FromServices] FewoDirektSimulatorOptions options)
    {
        if (Refuse(context, state, options, listing: null) is { } refused)
        {
            return refused;
        }

        return state.FewoDirekt.GetReservation(id) is { } reservation
            ? FewoDirektWire.Xml(FewoDirektWire.WriteBooking(reservation, asRequest: false))
            : FewoDirektWire.Error(StatusCodes.Status404NotFound, "NOT_FOUND", $"Reservation {id} was not found.");
    }

    private static IResult? Refuse(HttpContext context, SimulatorState state, FewoDirektSimulatorOptions options, string? listing)
    {
        var header = context.Request.Headers.Authorization.ToString();
        string? user = null, password = null;
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                (user, password) = colon > 0 ? (pair[..colon], pair[(colon + 1)..]) : (null, null);
            }
            catch (FormatException)
            {
            }
        }

        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password) ||
            (options.ClientId is not null && user != options.ClientId) || (options.ClientSecret is not null && password != options.ClientSecret))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"fewo-direkt\"";
            return FewoDirektWire.Error(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "The partner credentials are missing or wrong.");
        }

        return listing is not null && !state.ListingExists(Platform.FewoDirekt, listing)
            ? FewoDirektWire.Error(StatusCodes.Status404NotFound, "UNKNOWN_LISTING", $"Listing {listing} is not known for this partner.")
            : null;
    }

    private static bool TryRange(HttpContext context, out DateOnly first, out DateOnly last, out IResult error)
    {
        var begin = FewoDirektWire.ParseDate(context.Request.Query["beginDate"].ToString());
        var end = FewoDirektWire.ParseDate(context.Request.Query["endDate"].ToString());
        first = begin ?? default;
        last = end ?? default;
        if (begin is null || end is null || end < begin || end.Value.DayNumber - begin.Value.DayNumber >= FewoDirektWire.MaxDaysPerDocument)
        {
            error = FewoDirektWire.Error(StatusCodes.Status400BadRequest, "INVALID_RANGE", $"beginDate and endDate (yyyy-MM-dd, endDate included, at most {FewoDirektWire.MaxDaysPerDocument} days) are required.");
            return false;
        }

        error = Results.Empty;
        return true;
    }

    private static async Task<XDocument> ReadAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        return FewoDirektWire.Parse(await reader.ReadToEndAsync(context.RequestAborted));
    }

    private static IResult Accepted() =>
        Results.Bytes(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<contentResponse>\n  <status>ACCEPTED</status>\n</contentResponse>"), "application/xml; charset=utf-8");
}
