using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using ChannelManager.Connections;
using ChannelManager.Simulator.State;
using Microsoft.AspNetCore.Mvc;

namespace ChannelManager.Simulator.Expedia;

/// <summary>
/// The Expedia EQC wire format (platforms.md §3), below <c>/expedia</c>: <c>POST /eqc/ar</c>
/// (<c>AvailRateUpdateRQ</c>), <c>POST /eqc/br</c> (<c>BookingRetrievalRQ</c>), <c>POST /eqc/bc</c>
/// (<c>BookingConfirmRQ</c>). Every message authenticates with <c>Authentication@username/@password</c>; errors are
/// answered with HTTP 200 and <c>&lt;Error code&gt;</c>: 1001 authentication, 1002 no access to the property,
/// 2001 malformed request, 2002 more than 5,000 updates, 2003 dates before yesterday or more than 2 years ahead,
/// 3105 unknown booking (codes other than those in platforms.md are the simulator's choice).
/// </summary>
internal static class ExpediaEndpoints
{
    /// <summary>The most updates (nights × room type/rate plan) one AR message may carry.</summary>
    public const int MaxUpdatesPerMessage = 5_000;

    public static void Map(RouteGroupBuilder mount)
    {
        mount.MapPost("/eqc/ar", PostAvailRatesAsync);
        mount.MapPost("/eqc/br", PostRetrievalAsync);
        mount.MapPost("/eqc/bc", PostConfirmationAsync);
        mount.MapFallback((HttpContext context) => ExpediaWire.Error("Error", ExpediaWire.ArResponseNamespace, "404", $"No endpoint {context.Request.Method} {context.Request.Path}.", StatusCodes.Status404NotFound));
    }

    private static async Task<IResult> PostAvailRatesAsync(HttpContext context, [FromServices] SimulatorState state, [FromServices] ExpediaSimulatorOptions options)
    {
        const string Rs = "AvailRateUpdateRS";
        const string Ns = ExpediaWire.ArResponseNamespace;
        var (root, error) = await ReadAsync(context, "AvailRateUpdateRQ", [ExpediaWire.ArRequestNamespace, ExpediaWire.ArLegacyNamespace], Rs, Ns, options);
        if (root is null)
        {
            return error!;
        }

        var hotel = root.ChildNamed("Hotel").Attr("id");
        if (hotel is null)
        {
            return ExpediaWire.Error(Rs, Ns, "2001", "Hotel@id is required.");
        }

        if (!state.ListingExists(Platform.Expedia, hotel))
        {
            return ExpediaWire.Error(Rs, Ns, "1002", $"The user has no access to hotel {hotel}.");
        }

        var today = DateOnly.FromDateTime(state.TimeProvider.GetUtcNow().UtcDateTime);
        var changes = new List<(string Key, DateOnly From, DateOnly To, Func<SimulatedDay, SimulatedDay> Apply, string? RatePlan)>();
        var warnings = new List<(string, string)>();
        var updates = 0;
        foreach (var update in root.Named("AvailRateUpdate"))
        {
            var range = update.ChildNamed("DateRange");
            if (!DateOnly.TryParseExact(range.Attr("from"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) ||
                !DateOnly.TryParseExact(range.Attr("to"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) || to < from)
            {
                return ExpediaWire.Error(Rs, Ns, "2001", "DateRange@from and @to must be YYYY-MM-DD, from <= to.");
            }

            if (from < today.AddDays(-1) || to > today.AddYears(2))
            {
                return ExpediaWire.Error(Rs, Ns, "2003", $"DateRange {ExpediaWire.Date(from)}..{ExpediaWire.Date(to)} is outside yesterday..2 years ahead.");
            }

            foreach (var roomType in update.Named("RoomType"))
            {
                var room = roomType.Attr("id");
                if (room is null)
                {
                    return ExpediaWire.Error(Rs, Ns, "2001", "RoomType@id is required.");
                }

                bool? closed = roomType.Attr("closed") is { } c ? c == "true" : null;
                int? inventory = null;
                if (roomType.ChildNamed("Inventory") is { } inv)
                {
                    if (!int.TryParse(inv.Attr("totalInventoryAvailable"), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    {
                        return ExpediaWire.Error(Rs, Ns, "2001", "Inventory@totalInventoryAvailable must be a non-negative integer.");
                    }

                    inventory = n;
                }

                var ratePlans = roomType.Named("RatePlan").ToArray();
                updates += (to.DayNumber - from.DayNumber + 1) * Math.Max(1, ratePlans.Length);
                var key = ExpediaState.ListingKey(hotel, room);
                changes.Add((key, from, to, day => day with
                {
                    IsAvailable = closed is { } isClosed ? !isClosed : day.IsAvailable,
                    AvailableCount = inventory ?? day.AvailableCount,
                }, null));
                foreach (var ratePlan in ratePlans)
                {
                    var planId = ratePlan.Attr("id");
                    if (planId is null)
                    {
                        return ExpediaWire.Error(Rs, Ns, "2001", "RatePlan@id is required.");
                    }

                    decimal? price = null;
                    if (ratePlan.ChildNamed("Rate") is { } rate)
                    {
                        if (rate.Attr("currency") is null ||
                            !decimal.TryParse(rate.ChildNamed("PerDay").Attr("rate"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p))
                        {
                            return ExpediaWire.Error(Rs, Ns, "2001", "Rate needs @currency and PerDay@rate (decimal).");
                        }

                        if (p > options.RateThreshold)
                        {
                            warnings.Add(("7013", $"Rate {ExpediaWire.Amount(p)} for room type {room} rate plan {planId} {ExpediaWire.Date(from)}..{ExpediaWire.Date(to)} is out of threshold; update skipped."));
                        }
                        else
                        {
                            price = p;
                        }
                    }

                    var restrictions = ratePlan.ChildNamed("Restrictions");
                    int? min = null, max = null;
                    foreach (var (name, set) in new (string, Action<int>)[] { ("minLOS", v => min = v), ("maxLOS", v => max = v) })
                    {
                        if (restrictions.Attr(name) is { } text)
                        {
                            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v is < 1 or > 28)
                            {
                                return ExpediaWire.Error(Rs, Ns, "2001", $"Restrictions@{name} must be 1 to 28.");
                            }

                            set(v);
                        }
                    }

                    bool? cta = restrictions.Attr("closedToArrival") is { } a ? a == "true" : null;
                    bool? ctd = restrictions.Attr("closedToDeparture") is { } d ? d == "true" : null;
                    changes.Add((key, from, to, day => day with
                    {
                        DailyPrice = price ?? day.DailyPrice,
                        MinNights = min ?? day.MinNights,
                        MaxNights = max ?? day.MaxNights,
                        ClosedToArrival = cta ?? day.ClosedToArrival,
                        ClosedToDeparture = ctd ?? day.ClosedToDeparture,
                    }, planId));
                }
            }
        }

        if (updates > MaxUpdatesPerMessage)
        {
            return ExpediaWire.Error(Rs, Ns, "2002", $"The message carries {updates} updates; at most {MaxUpdatesPerMessage} are allowed.");
        }

        lock (state.Gate)
        {
            foreach (var (key, from, to, apply, ratePlan) in changes)
            {
                if (ratePlan is not null)
                {
                    state.Expedia.RememberRatePlanUnderLock(key, ratePlan);
                }

                for (var date = from; date <= to; date = date.AddDays(1))
                {
                    state.SetDayUnderLock(Platform.Expedia, key, apply(state.DayUnderLock(Platform.Expedia, key, date)));
                }
            }
        }

        return ExpediaWire.Success(Rs, Ns, warnings);
    }

    private static async Task<IResult> PostRetrievalAsync(HttpContext context, [FromServices] SimulatorState state, [FromServices] ExpediaSimulatorOptions options)
    {
        const string Rs = "BookingRetrievalRS";
        const string Ns = ExpediaWire.BrNamespace;
        var (root, error) = await ReadAsync(context, "BookingRetrievalRQ", [Ns], Rs, Ns, options);
        if (root is null)
        {
            return error!;
        }

        var hotel = root.ChildNamed("Hotel").Attr("id");
        if (hotel is not null && !state.ListingExists(Platform.Expedia, hotel))
        {
            return ExpediaWire.Error(Rs, Ns, "1002", $"The user has no access to hotel {hotel}.");
        }

        var parameters = root.ChildNamed("ParamSet");
        var bookingId = parameters.ChildNamed("Booking").Attr("id");
        int? days = null;
        if (parameters.ChildNamed("NbDaysInPast") is { } nb)
        {
            if (!int.TryParse(nb.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 30)
            {
                return ExpediaWire.Error(Rs, Ns, "2001", "NbDaysInPast must be 1 to 30.");
            }

            days = n;
        }

        var statuses = parameters?.Named("Status").Select(s => s.Attr("value")).Where(v => v is not null).Select(v => v!).ToArray() ?? [];
        if (statuses.Any(s => s is not ("pending" or "retrieved" or "confirmed")))
        {
            return ExpediaWire.Error(Rs, Ns, "2001", "Status@value must be pending, retrieved or confirmed.");
        }

        var bookings = state.Expedia.Retrieve(hotel, bookingId, days, statuses);
        return ExpediaWire.Xml(StatusCodes.Status200OK, w =>
        {
            w.WriteStartElement(Rs, Ns);
            w.WriteStartElement("Bookings", Ns);
            foreach (var b in bookings)
            {
                WriteBooking(w, b);
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });
    }

    private static async Task<IResult> PostConfirmationAsync(HttpContext context, [FromServices] SimulatorState state, [FromServices] ExpediaSimulatorOptions options)
    {
        const string Rs = "BookingConfirmRS";
        const string Ns = ExpediaWire.BcNamespace;
        var (root, error) = await ReadAsync(context, "BookingConfirmRQ", [Ns], Rs, Ns, options);
        if (root is null)
        {
            return error!;
        }

        var hotel = root.ChildNamed("Hotel").Attr("id");
        if (hotel is null)
        {
            return ExpediaWire.Error(Rs, Ns, "2001", "Hotel@id is required.");
        }

        if (!state.ListingExists(Platform.Expedia, hotel))
        {
            return ExpediaWire.Error(Rs, Ns, "1002", $"The user has no access to hotel {hotel}.");
        }

        var numbers = root.ChildNamed("BookingConfirmNumbers")?.Named("BookingConfirmNumber").ToArray() ?? [];
        var confirmations = new List<(string, string, string)>();
        foreach (var n in numbers)
        {
            if (n.Attr("bookingID") is not { } id || n.Attr("bookingType") is not ("Book" or "Modify" or "Cancel") || n.Attr("confirmNumber") is not { } number ||
                !DateTimeOffset.TryParse(n.Attr("confirmTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                return ExpediaWire.Error(Rs, Ns, "2001", "BookingConfirmNumber needs bookingID, bookingType (Book|Modify|Cancel), confirmNumber and confirmTime.");
            }

            confirmations.Add((id, n.Attr("bookingType")!, number));
        }

        if (confirmations.Count == 0)
        {
            return ExpediaWire.Error(Rs, Ns, "2001", "No BookingConfirmNumber to confirm.");
        }

        var problem = state.Expedia.Confirm(hotel, confirmations, out var skipped);
        return problem is null
            ? ExpediaWire.Success(Rs, Ns, skipped.Select(s => ("3106", s)).ToArray())
            : ExpediaWire.Error(Rs, Ns, "3105", problem);
    }

    private static void WriteBooking(XmlWriter w, ExpediaReservation b)
    {
        const string Ns = ExpediaWire.BrNamespace;
        var cancel = !b.IsActive;
        w.WriteStartElement("Booking", Ns);
        w.WriteAttributeString("id", b.BookingId);
        w.WriteAttributeString("type", b.Type);
        w.WriteAttributeString("createDateTime", ExpediaWire.Timestamp(b.CreatedAt));
        w.WriteAttributeString("source", b.Source);
        w.WriteAttributeString("status", b.Status);
        if (b.ConfirmNumber is not null)
        {
            w.WriteAttributeString("confirmNumber", b.ConfirmNumber);
        }

        w.WriteStartElement("Hotel", Ns);
        w.WriteAttributeString("id", b.HotelId);
        w.WriteEndElement();
        w.WriteStartElement("RoomStay", Ns);
        w.WriteAttributeString("roomTypeID", cancel ? "0" : b.RoomTypeId);
        w.WriteAttributeString("ratePlanID", cancel ? "0" : b.RatePlanId);
        w.WriteStartElement("StayDate", Ns);
        w.WriteAttributeString("arrival", ExpediaWire.Date(b.Arrival));
        w.WriteAttributeString("departure", ExpediaWire.Date(b.Departure));
        w.WriteEndElement();
        w.WriteStartElement("GuestCount", Ns);
        w.WriteAttributeString("adult", ExpediaWire.Int(b.Adults));
        w.WriteAttributeString("child", ExpediaWire.Int(b.ChildAges.Count));
        foreach (var age in b.ChildAges)
        {
            w.WriteStartElement("Child", Ns);
            w.WriteAttributeString("age", ExpediaWire.Int(age));
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteStartElement("PerDayRates", Ns);
        w.WriteAttributeString("currency", b.Currency);
        for (var i = 0; i < b.NightlyRates.Count; i++)
        {
            w.WriteStartElement("PerDayRate", Ns);
            w.WriteAttributeString("stayDate", ExpediaWire.Date(b.Arrival.AddDays(i)));
            w.WriteAttributeString("baseRate", ExpediaWire.Amount(b.NightlyRates[i]));
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteStartElement("Total", Ns);
        w.WriteAttributeString("amountAfterTaxes", ExpediaWire.Amount(b.TotalAmount));
        w.WriteAttributeString("amountOfTaxes", ExpediaWire.Amount(b.Taxes));
        w.WriteAttributeString("currency", b.Currency);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("PrimaryGuest", Ns);
        w.WriteStartElement("Name", Ns);
        if (b.GivenName is not null)
        {
            w.WriteAttributeString("givenName", b.GivenName);
        }

        if (b.Surname is not null)
        {
            w.WriteAttributeString("surname", b.Surname);
        }

        w.WriteEndElement();
        if (b.PhoneNumber is not null)
        {
            w.WriteStartElement("Phone", Ns);
            if (b.PhoneCountryCode is not null)
            {
                w.WriteAttributeString("countryCode", b.PhoneCountryCode);
            }

            if (b.PhoneAreaCode is not null)
            {
                w.WriteAttributeString("cityAreaCode", b.PhoneAreaCode);
            }

            w.WriteAttributeString("number", b.PhoneNumber);
            w.WriteEndElement();
        }

        if (b.Email is not null)
        {
            w.WriteElementString("Email", Ns, b.Email);
        }

        w.WriteEndElement();
        if (b.SpecialRequest is not null)
        {
            w.WriteStartElement("SpecialRequest", Ns);
            w.WriteAttributeString("code", "5");
            w.WriteString(b.SpecialRequest);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>Reads the body, checks the root and the credentials.</summary>
    private static async Task<(XElement? Root, IResult? Error)> ReadAsync(HttpContext context, string rootName, string[] namespaces, string rs, string rsNs, ExpediaSimulatorOptions options)
    {
        XDocument document;
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            document = ExpediaWire.Parse(await reader.ReadToEndAsync(context.RequestAborted));
        }
        catch (XmlException ex)
        {
            return (null, ExpediaWire.Error(rs, rsNs, "2001", $"The body is not well-formed XML: {ex.Message}"));
        }

        var root = document.Root!;
        if (root.Name.LocalName != rootName || !namespaces.Contains(root.Name.NamespaceName))
        {
            return (null, ExpediaWire.Error(rs, rsNs, "2001", $"The root element must be {rootName} in {string.Join(" or ", namespaces)}."));
        }

        var auth = root.ChildNamed("Authentication");
        var user = auth?.Attribute("username")?.Value;
        var password = auth?.Attribute("password")?.Value;
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password) ||
            (options.Username is not null && user != options.Username) ||
            (options.Password is not null && password != options.Password))
        {
            return (null, ExpediaWire.Error(rs, rsNs, "1001", "Authentication error: invalid username or password."));
        }

        return (root, null);
    }
}
