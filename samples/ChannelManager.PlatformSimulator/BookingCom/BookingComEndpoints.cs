using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using ChannelManager.Connections;
using ChannelManager.Simulator.State;
using Microsoft.AspNetCore.Mvc;

namespace ChannelManager.Simulator.BookingCom;

/// <summary>
/// The Booking.com wire format (platforms.md §1), below <c>/booking-com</c>: token exchange, OTA ARI
/// (<c>OTA_HotelAvailNotif</c>, <c>OTA_HotelRateAmountNotif</c>), B.XML <c>roomrateavailability</c>, and the OTA
/// reservation queues with acknowledgement. Every <c>/hotels/…</c> call needs <c>Authorization: Bearer</c> a token
/// from the exchange that has not expired.
/// </summary>
internal static class BookingComEndpoints
{
    public const string ExchangePath = "/token-based-authentication/exchange";

    public static void Map(RouteGroupBuilder mount)
    {
        mount.MapPost(ExchangePath, ExchangeAsync);
        var hotels = mount.MapGroup("/hotels");
        hotels.AddEndpointFilter(async (context, next) => Authorize(context.HttpContext) ?? await next(context));
        hotels.MapPost("/ota/OTA_HotelAvailNotif", PostAvailAsync);
        hotels.MapPost("/ota/OTA_HotelRateAmountNotif", PostRatesAsync);
        hotels.MapPost("/xml/roomrateavailability", PostRoomRateAvailabilityAsync);
        hotels.MapGet("/ota/OTA_HotelResNotif", (HttpContext c, [FromServices] SimulatorState s) => GetQueue(c, s, modifyQueue: false));
        hotels.MapGet("/ota/OTA_HotelResModifyNotif", (HttpContext c, [FromServices] SimulatorState s) => GetQueue(c, s, modifyQueue: true));
        hotels.MapPost("/ota/OTA_HotelResNotif", (HttpContext c, [FromServices] SimulatorState s) => AcknowledgeAsync(c, s, modifyQueue: false));
        hotels.MapPost("/ota/OTA_HotelResModifyNotif", (HttpContext c, [FromServices] SimulatorState s) => AcknowledgeAsync(c, s, modifyQueue: true));
        mount.MapFallback((HttpContext context) => BookingComWire.Error(StatusCodes.Status404NotFound, "OTA_ErrorRS", $"No endpoint {context.Request.Method} {context.Request.Path}.", "404"));
    }

    private static IResult? Authorize(HttpContext context)
    {
        var state = context.RequestServices.GetRequiredService<SimulatorState>();
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return BookingComWire.Error(StatusCodes.Status401Unauthorized, "OTA_ErrorRS", "Authorization: Bearer <token> is required.", "401", time: state.TimeProvider);
        }

        return state.BookingCom.IsTokenValid(header["Bearer ".Length..].Trim())
            ? null
            : BookingComWire.Error(StatusCodes.Status401Unauthorized, "OTA_ErrorRS", "The token is invalid or has expired.", "401", time: state.TimeProvider);
    }

    private static async Task<IResult> ExchangeAsync(HttpContext context, [FromServices] SimulatorState state, [FromServices] BookingComSimulatorOptions options)
    {
        string? clientId = null, clientSecret = null;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                clientId = document.RootElement.TryGetProperty("client_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                clientSecret = document.RootElement.TryGetProperty("client_secret", out var secret) && secret.ValueKind == JsonValueKind.String ? secret.GetString() : null;
            }
        }
        catch (JsonException)
        {
            return Results.Json(new { error = "invalid_request", error_description = "The body is not JSON." }, SimulatorJson.Options, statusCode: StatusCodes.Status400BadRequest);
        }

        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(clientSecret) ||
            (options.ClientId is not null && clientId != options.ClientId) ||
            (options.ClientSecret is not null && clientSecret != options.ClientSecret))
        {
            return Results.Json(new { error = "invalid_client", error_description = "Unknown client id or wrong secret." }, SimulatorJson.Options, statusCode: StatusCodes.Status401Unauthorized);
        }

        return Results.Json(new { jwt = state.BookingCom.IssueToken(options.TokenLifetime) }, SimulatorJson.Options);
    }

    private static async Task<IResult> PostAvailAsync(HttpContext context, [FromServices] SimulatorState state)
    {
        const string Rs = "OTA_HotelAvailNotifRS";
        var (root, error) = await ReadOtaAsync(context, "OTA_HotelAvailNotifRQ", Rs, state);
        if (root is null)
        {
            return error!;
        }

        var messages = root.ChildNamed("AvailStatusMessages");
        var hotel = messages?.Attribute("HotelCode")?.Value;
        if (messages is null || string.IsNullOrWhiteSpace(hotel))
        {
            return Invalid(Rs, "AvailStatusMessages/@HotelCode is required.", state);
        }

        if (!state.ListingExists(Platform.BookingCom, hotel))
        {
            return NoAccess(Rs, hotel, state);
        }

        var changes = new List<Change>();
        foreach (var message in messages.Elements().Where(e => e.Name.LocalName == "AvailStatusMessage"))
        {
            if (!TryControl(message, hotel, out var control, out var problem))
            {
                return Invalid(Rs, problem, state);
            }

            int? limit = null;
            if (message.Attribute("BookingLimit") is { } bookingLimit)
            {
                if (!int.TryParse(bookingLimit.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    return Invalid(Rs, $"BookingLimit '{bookingLimit.Value}' is not a non-negative integer.", state);
                }

                limit = n;
            }

            int? min = null, max = null;
            foreach (var los in message.Named("LengthOfStay"))
            {
                if (!int.TryParse(los.Attribute("Time")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var nights))
                {
                    return Invalid(Rs, "LengthOfStay/@Time must be a non-negative integer.", state);
                }

                switch (los.Attribute("MinMaxMessageType")?.Value)
                {
                    case "SetMinLOS": min = nights; break;
                    case "SetMaxLOS": max = nights; break;
                    default: return Invalid(Rs, "LengthOfStay/@MinMaxMessageType must be SetMinLOS or SetMaxLOS.", state);
                }
            }

            var restriction = message.ChildNamed("RestrictionStatus");
            var status = restriction?.Attribute("Status")?.Value;
            var kind = restriction?.Attribute("Restriction")?.Value;
            if (restriction is not null && status is not ("Open" or "Close"))
            {
                return Invalid(Rs, "RestrictionStatus/@Status must be Open or Close.", state);
            }

            if (kind is not (null or "Arrival" or "Departure"))
            {
                return Invalid(Rs, "RestrictionStatus/@Restriction must be Arrival or Departure.", state);
            }

            var closed = status == "Close";
            changes.Add(new Change(control, day =>
            {
                var result = day;
                if (limit is { } l)
                {
                    result = result with { AvailableCount = l };
                }

                if (min is { } mn)
                {
                    result = result with { MinNights = mn };
                }

                if (max is { } mx)
                {
                    result = result with { MaxNights = mx == 0 ? null : mx };
                }

                return (status, kind) switch
                {
                    (null, _) => result,
                    (_, "Arrival") => result with { ClosedToArrival = closed },
                    (_, "Departure") => result with { ClosedToDeparture = closed },
                    _ => result with { IsAvailable = !closed, BusySubtype = null },
                };
            }));
        }

        return Apply(Rs, changes, state);
    }

    private static async Task<IResult> PostRatesAsync(HttpContext context, [FromServices] SimulatorState state)
    {
        const string Rs = "OTA_HotelRateAmountNotifRS";
        var (root, error) = await ReadOtaAsync(context, "OTA_HotelRateAmountNotifRQ", Rs, state);
        if (root is null)
        {
            return error!;
        }

        var messages = root.ChildNamed("RateAmountMessages");
        var hotel = messages?.Attribute("HotelCode")?.Value;
        if (messages is null || string.IsNullOrWhiteSpace(hotel))
        {
            return Invalid(Rs, "RateAmountMessages/@HotelCode is required.", state);
        }

        if (!state.ListingExists(Platform.BookingCom, hotel))
        {
            return NoAccess(Rs, hotel, state);
        }

        var changes = new List<Change>();
        foreach (var message in messages.Elements().Where(e => e.Name.LocalName == "RateAmountMessage"))
        {
            if (!TryControl(message, hotel, out var control, out var problem))
            {
                return Invalid(Rs, problem, state);
            }

            if (control.RatePlan is null)
            {
                return Invalid(Rs, "StatusApplicationControl/@RatePlanCode is required for rates.", state);
            }

            var amount = message.Named("BaseByGuestAmt").FirstOrDefault();
            if (amount is null ||
                !decimal.TryParse(amount.Attribute("AmountAfterTax")?.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) ||
                string.IsNullOrWhiteSpace(amount.Attribute("CurrencyCode")?.Value))
            {
                return Invalid(Rs, "Rates/Rate/BaseByGuestAmts/BaseByGuestAmt needs AmountAfterTax (decimal) and CurrencyCode.", state);
            }

            changes.Add(new Change(control, day => day with { DailyPrice = price }));
        }

        return Apply(Rs, changes, state);
    }

    private static async Task<IResult> PostRoomRateAvailabilityAsync(HttpContext context, [FromServices] SimulatorState state)
    {
        XDocument document;
        try
        {
            document = BookingComWire.Parse(await ReadBodyAsync(context));
        }
        catch (XmlException ex)
        {
            return BxmlFault(StatusCodes.Status400BadRequest, $"The body is not well-formed XML: {ex.Message}");
        }

        var request = document.Root!;
        var hotel = request.ChildNamed("hotel_id")?.Value.Trim();
        var room = request.ChildNamed("room_id")?.Value.Trim();
        if (string.IsNullOrEmpty(hotel) || string.IsNullOrEmpty(room) ||
            !DateOnly.TryParseExact(request.ChildNamed("start_date")?.Value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start) ||
            !int.TryParse(request.ChildNamed("number_of_days")?.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > 31)
        {
            return BxmlFault(StatusCodes.Status400BadRequest, "hotel_id, room_id, start_date (YYYY-MM-DD) and number_of_days (1-31) are required.");
        }

        if (!state.ListingExists(Platform.BookingCom, hotel))
        {
            return BxmlFault(StatusCodes.Status403Forbidden, $"You do not have access to hotel:{hotel}");
        }

        var key = BookingComState.ListingKey(hotel, room);
        var stored = state.GetCalendar(Platform.BookingCom, key, start, start.AddDays(days)).ToDictionary(d => d.Date);
        var reservations = state.BookingCom.Reservations.Where(r => r.HotelId == hotel && r.RoomIds.Contains(room)).ToArray();
        var ratePlan = state.BookingCom.RatePlanOf(key);
        return BookingComWire.Xml(StatusCodes.Status200OK, w =>
        {
            w.WriteStartElement("roomrateavailability");
            w.WriteAttributeString("hotel_id", hotel);
            w.WriteStartElement("room");
            w.WriteAttributeString("id", room);
            for (var date = start; date < start.AddDays(days); date = date.AddDays(1))
            {
                var day = stored.TryGetValue(date, out var d) ? d : SimulatedDay.Default(date);
                w.WriteStartElement("date");
                w.WriteAttributeString("value", BookingComWire.Date(date));
                w.WriteElementString("rooms_to_sell", (day.AvailableCount ?? 0).ToString(CultureInfo.InvariantCulture));
                var night = date;
                w.WriteElementString("booked", reservations.Count(r => r.IsActive && night >= r.Arrival && night < r.Departure).ToString(CultureInfo.InvariantCulture));
                w.WriteElementString("cancelled", reservations.Count(r => !r.IsActive && night >= r.Arrival && night < r.Departure).ToString(CultureInfo.InvariantCulture));
                w.WriteElementString("closed", day.IsAvailable ? "0" : "1");
                if (ratePlan is not null)
                {
                    w.WriteStartElement("rate");
                    w.WriteAttributeString("id", ratePlan);
                    if (day.DailyPrice is { } price)
                    {
                        w.WriteElementString("price", BookingComWire.Amount(price));
                    }

                    w.WriteElementString("minimumstay", (day.MinNights ?? 1).ToString(CultureInfo.InvariantCulture));
                    w.WriteElementString("maximumstay", (day.MaxNights ?? 0).ToString(CultureInfo.InvariantCulture));
                    w.WriteElementString("closedonarrival", day.ClosedToArrival ? "1" : "0");
                    w.WriteElementString("closedondeparture", day.ClosedToDeparture ? "1" : "0");
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });
    }

    private static IResult GetQueue(HttpContext context, SimulatorState state, bool modifyQueue)
    {
        var query = context.Request.Query;
        var hotelIds = query["hotel_ids"].ToString() is { Length: > 0 } ids
            ? ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
            : null;
        var id = query["id"].ToString() is { Length: > 0 } one ? one : null;
        var pending = state.BookingCom.Pending(modifyQueue, hotelIds, id);
        var (root, list, item) = modifyQueue
            ? ("OTA_HotelResModifyNotifRQ", "HotelResModifies", "HotelResModify")
            : ("OTA_HotelResNotifRQ", "HotelReservations", "HotelReservation");
        return BookingComWire.Xml(StatusCodes.Status200OK, w =>
        {
            BookingComWire.Root(w, root, state.TimeProvider);
            if (pending.Count > 0)
            {
                w.WriteStartElement(list, BookingComWire.OtaNamespace);
                foreach (var reservation in pending)
                {
                    BookingComWire.Reservation(w, reservation, item);
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        });
    }

    private static async Task<IResult> AcknowledgeAsync(HttpContext context, SimulatorState state, bool modifyQueue)
    {
        var expected = modifyQueue ? "OTA_HotelResModifyNotifRS" : "OTA_HotelResNotifRS";
        XDocument document;
        try
        {
            document = BookingComWire.Parse(await ReadBodyAsync(context));
        }
        catch (XmlException ex)
        {
            return Invalid(expected, $"The body is not well-formed XML: {ex.Message}", state);
        }

        var root = document.Root!;
        if (root.Name.LocalName != expected || root.Name.NamespaceName != BookingComWire.OtaNamespace)
        {
            return BookingComWire.Error(StatusCodes.Status400BadRequest, expected, "Hotel reservation has transaction message of the wrong type", "400", time: state.TimeProvider);
        }

        if (root.ChildNamed("Errors") is not null || root.ChildNamed("Success") is null)
        {
            // "Unsuccessfully processed": the reservations stay queued.
            return BookingComWire.Success(expected, state.TimeProvider);
        }

        var ids = root.Named("HotelReservationID").Select(e => e.Attribute("ResID_Value")?.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).Distinct().ToArray();
        if (ids.Length == 0)
        {
            return Invalid(expected, "No HotelReservationID/@ResID_Value to acknowledge.", state);
        }

        var problem = state.BookingCom.Acknowledge(modifyQueue, ids, out var already);
        return problem is null
            ? BookingComWire.Success(expected, state.TimeProvider, already.Select(id => $"Reservation {id} was already acknowledged.").ToArray())
            : BookingComWire.Error(StatusCodes.Status400BadRequest, expected, problem, "400", time: state.TimeProvider);
    }

    private static async Task<(XElement? Root, IResult? Error)> ReadOtaAsync(HttpContext context, string rootName, string rs, SimulatorState state)
    {
        XDocument document;
        try
        {
            document = BookingComWire.Parse(await ReadBodyAsync(context));
        }
        catch (XmlException ex)
        {
            return (null, Invalid(rs, $"The body is not well-formed XML: {ex.Message}", state));
        }

        var root = document.Root!;
        if (root.Name != BookingComWire.Ns + rootName)
        {
            return (null, Invalid(rs, $"The root element must be {rootName} in {BookingComWire.OtaNamespace}.", state));
        }

        if (root.Attribute("Version") is null)
        {
            return (null, Invalid(rs, "The root element needs a Version.", state));
        }

        // One month per request (platforms.md §1: "break updates by month").
        var months = root.Named("StatusApplicationControl")
            .SelectMany(c => new[] { c.Attribute("Start")?.Value, c.Attribute("End")?.Value })
            .Where(v => v is { Length: >= 7 })
            .Select(v => v![..7])
            .Distinct()
            .Count();
        if (months > 1)
        {
            return (null, Invalid(rs, "A request covers one calendar month; break updates by month.", state));
        }

        return (root, null);
    }

    private static bool TryControl(XElement message, string hotel, out Control control, out string problem)
    {
        control = default;
        problem = string.Empty;
        var sac = message.ChildNamed("StatusApplicationControl");
        var room = sac?.Attribute("InvTypeCode")?.Value;
        if (sac is null || string.IsNullOrWhiteSpace(room))
        {
            problem = "StatusApplicationControl/@InvTypeCode is required.";
            return false;
        }

        if (!DateOnly.TryParseExact(sac.Attribute("Start")?.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start) ||
            !DateOnly.TryParseExact(sac.Attribute("End")?.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            problem = "StatusApplicationControl/@Start and @End must be YYYY-MM-DD.";
            return false;
        }

        if (end < start)
        {
            problem = "StatusApplicationControl/@End is before @Start.";
            return false;
        }

        control = new Control(BookingComState.ListingKey(hotel, room), start, end, sac.Attribute("RatePlanCode")?.Value);
        return true;
    }

    private static IResult Apply(string rs, List<Change> changes, SimulatorState state)
    {
        lock (state.Gate)
        {
            foreach (var change in changes)
            {
                if (change.Control.RatePlan is { } ratePlan)
                {
                    state.BookingCom.RememberRatePlanUnderLock(change.Control.Key, ratePlan);
                }

                for (var date = change.Control.Start; date <= change.Control.End; date = date.AddDays(1))
                {
                    state.SetDayUnderLock(Platform.BookingCom, change.Control.Key, change.Apply(state.DayUnderLock(Platform.BookingCom, change.Control.Key, date)));
                }
            }
        }

        return BookingComWire.Success(rs, state.TimeProvider);
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    private static IResult Invalid(string rs, string text, SimulatorState state) =>
        BookingComWire.Error(StatusCodes.Status400BadRequest, rs, text, "392", time: state.TimeProvider);

    private static IResult NoAccess(string rs, string hotel, SimulatorState state) =>
        BookingComWire.Error(StatusCodes.Status403Forbidden, rs, $"You do not have access to hotel:{hotel}", "497", "6", state.TimeProvider);

    private static IResult BxmlFault(int status, string text) =>
        BookingComWire.Xml(status, w =>
        {
            w.WriteStartElement("error");
            w.WriteStartElement("fault");
            w.WriteAttributeString("code", status.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("string", text);
            w.WriteEndElement();
            w.WriteEndElement();
        });

    private readonly record struct Control(string Key, DateOnly Start, DateOnly End, string? RatePlan);

    private sealed record Change(Control Control, Func<SimulatedDay, SimulatedDay> Apply);
}
