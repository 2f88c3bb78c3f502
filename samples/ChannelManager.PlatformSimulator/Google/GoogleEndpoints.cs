using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using ChannelManager.Connections;
using ChannelManager.Simulator.State;
using Microsoft.AspNetCore.Mvc;

namespace ChannelManager.Simulator.Google;

/// <summary>
/// The Google wire format (platforms.md §5), below <c>/google</c>: the OAuth token endpoint (service-account JWT
/// bearer grant), OTA ARI uploads (<c>/ota/hotel_inv_count_notif</c>, <c>/ota/hotel_avail_notif</c>,
/// <c>/ota/hotel_rate_amount_notif</c>), the Travel Partner API's <c>hotelViews</c> list, and the JWKS of the Pub/Sub
/// push signing key (<c>/oauth2/v3/certs</c>). Calendars are kept per <c>HotelCode</c>.
/// </summary>
internal static class GoogleEndpoints
{
    public const string TokenPath = "/token";
    public const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private static readonly string[] Weekdays = ["Sun", "Mon", "Tue", "Weds", "Thur", "Fri", "Sat"];

    public static void Map(RouteGroupBuilder mount)
    {
        mount.MapPost(TokenPath, TokenAsync);
        mount.MapGet("/oauth2/v3/certs", (HttpContext context, [FromServices] GoogleSimulator google) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(google.JwksJson, "application/json");
        });
        var ota = mount.MapGroup("/ota");
        ota.AddEndpointFilter(async (context, next) => Authorize(context.HttpContext, xml: true) ?? await next(context));
        ota.MapPost("/hotel_inv_count_notif", (HttpContext c, [FromServices] SimulatorState s, [FromServices] GoogleSimulatorOptions o) => AriAsync(c, s, o, "OTA_HotelInvCountNotifRQ", "Inventories", "Inventory"));
        ota.MapPost("/hotel_avail_notif", (HttpContext c, [FromServices] SimulatorState s, [FromServices] GoogleSimulatorOptions o) => AriAsync(c, s, o, "OTA_HotelAvailNotifRQ", "AvailStatusMessages", "AvailStatusMessage"));
        ota.MapPost("/hotel_rate_amount_notif", (HttpContext c, [FromServices] SimulatorState s, [FromServices] GoogleSimulatorOptions o) => AriAsync(c, s, o, "OTA_HotelRateAmountNotifRQ", "RateAmountMessages", "RateAmountMessage"));
        var v3 = mount.MapGroup("/v3");
        v3.AddEndpointFilter(async (context, next) => Authorize(context.HttpContext, xml: false) ?? await next(context));
        v3.MapGet("/accounts/{account}/hotelViews", HotelViews);
        mount.MapFallback((HttpContext context) => GoogleWire.JsonError(StatusCodes.Status404NotFound, $"No endpoint {context.Request.Method} {context.Request.Path}."));
    }

    private static IResult? Authorize(HttpContext context, bool xml)
    {
        var options = context.RequestServices.GetRequiredService<GoogleSimulatorOptions>();
        if (!options.RequireAccessToken)
        {
            return null;
        }

        var state = context.RequestServices.GetRequiredService<SimulatorState>();
        var header = context.Request.Headers.Authorization.ToString();
        var valid = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && state.Google.IsTokenValid(header["Bearer ".Length..].Trim());
        if (valid)
        {
            return null;
        }

        const string Message = "Request had invalid authentication credentials. Expected OAuth 2 access token.";
        return xml ? GoogleWire.Error(StatusCodes.Status401Unauthorized, "OTA_ErrorRS", Message, "401", state.TimeProvider) : GoogleWire.JsonError(StatusCodes.Status401Unauthorized, Message);
    }

    private static async Task<IResult> TokenAsync(HttpContext context, [FromServices] SimulatorState state, [FromServices] GoogleSimulatorOptions options)
    {
        if (!context.Request.HasFormContentType)
        {
            return Grant("invalid_request", "The body must be application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"].ToString() != JwtBearerGrant)
        {
            return Grant("unsupported_grant_type", "Invalid grant_type.");
        }

        var parts = form["assertion"].ToString().Split('.');
        if (parts.Length != 3)
        {
            return Grant("invalid_request", "The assertion is not a JWT.");
        }

        JsonElement header, claims;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
            claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement;
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return Grant("invalid_request", "The assertion is not a well-formed JWT.");
        }

        if (Text(header, "alg") != "RS256")
        {
            return Grant("invalid_grant", "Invalid JWT: the algorithm must be RS256.");
        }

        if (options.ServiceAccountPublicKeyPem is { } pem)
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            if (!rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return Grant("invalid_grant", "Invalid JWT Signature.");
            }
        }

        var now = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var iss = Text(claims, "iss");
        if (iss is null || (options.ServiceAccountEmail is { } email && iss != email))
        {
            return Grant("invalid_grant", "Invalid JWT: unknown service account (iss).");
        }

        var aud = Text(claims, "aud");
        if (aud is null || !aud.EndsWith(TokenPath, StringComparison.Ordinal))
        {
            return Grant("invalid_grant", "Invalid JWT: aud must be the token endpoint.");
        }

        if (string.IsNullOrWhiteSpace(Text(claims, "scope")))
        {
            return Grant("invalid_scope", "Invalid JWT: no scope.");
        }

        if (!claims.TryGetProperty("iat", out var iatElement) || !iatElement.TryGetInt64(out var iat) ||
            !claims.TryGetProperty("exp", out var expElement) || !expElement.TryGetInt64(out var exp) ||
            exp <= now || iat > now + 300 || exp - iat > 3600)
        {
            return Grant("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.");
        }

        var token = state.Google.IssueToken(options.TokenLifetime);
        return Results.Json(new { access_token = token, expires_in = (int)options.TokenLifetime.TotalSeconds, token_type = "Bearer" }, SimulatorJson.Options);
    }

    private static IResult Grant(string error, string description) =>
        Results.Json(new { error, error_description = description }, SimulatorJson.Options, statusCode: StatusCodes.Status400BadRequest);

    private static IResult HotelViews(string account, HttpContext context, [FromServices] SimulatorState state, [FromServices] GoogleSimulatorOptions options)
    {
        if (options.AccountId is { } expected && account != expected)
        {
            return GoogleWire.JsonError(StatusCodes.Status403Forbidden, $"The caller does not have permission on account {account}.");
        }

        var filter = context.Request.Query["filter"].ToString();
        const string Prefix = "partnerHotelId=\"";
        if (!filter.StartsWith(Prefix, StringComparison.Ordinal) || !filter.EndsWith('"') || filter.Length <= Prefix.Length + 1)
        {
            return GoogleWire.JsonError(StatusCodes.Status400BadRequest, "filter must be partnerHotelId=\"<id>\".");
        }

        var hotel = filter[Prefix.Length..^1];
        if (!state.ListingExists(Platform.Google, hotel))
        {
            return Results.Json(new { hotelViews = Array.Empty<object>() }, SimulatorJson.Options);
        }

        return Results.Json(
            new { hotelViews = new[] { new { name = $"accounts/{account}/hotelViews/{hotel}", partnerHotelId = hotel, hotelName = $"Simulated property {hotel}", liveOnGoogle = true } } },
            SimulatorJson.Options);
    }

    private static async Task<IResult> AriAsync(HttpContext context, SimulatorState state, GoogleSimulatorOptions options, string rootName, string listName, string itemName)
    {
        var rs = rootName[..^2] + "RS";
        XDocument document;
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            document = GoogleWire.Parse(await reader.ReadToEndAsync(context.RequestAborted));
        }
        catch (XmlException ex)
        {
            return Invalid(rs, $"The body is not well-formed XML: {ex.Message}", state);
        }

        var root = document.Root!;
        if (root.Name != GoogleWire.Ns + rootName)
        {
            return Invalid(rs, $"The root element must be {rootName} in {GoogleWire.OtaNamespace}.", state);
        }

        if (root.Attribute("Version") is null || root.Attribute("TimeStamp") is null)
        {
            return Invalid(rs, "The root element needs Version and TimeStamp.", state);
        }

        var partnerKey = root.Element(GoogleWire.Ns + "POS")?.Element(GoogleWire.Ns + "Source")?.Element(GoogleWire.Ns + "RequestorID")?.Attribute("ID")?.Value;
        if (string.IsNullOrWhiteSpace(partnerKey) || (options.PartnerKey is { } expected && partnerKey != expected))
        {
            return GoogleWire.Error(StatusCodes.Status403Forbidden, rs, "Unknown partner: POS/Source/RequestorID/@ID is not a registered partner key.", "403", state.TimeProvider);
        }

        var list = root.Element(GoogleWire.Ns + listName);
        var hotel = list?.Attribute("HotelCode")?.Value;
        if (list is null || string.IsNullOrWhiteSpace(hotel))
        {
            return Invalid(rs, $"{listName}/@HotelCode is required.", state);
        }

        if (!state.ListingExists(Platform.Google, hotel))
        {
            return GoogleWire.Error(StatusCodes.Status400BadRequest, rs, $"Unknown property: HotelCode {hotel} is not in the Hotel Center account.", "404", state.TimeProvider);
        }

        var changes = new List<(Control Control, Func<SimulatedDay, SimulatedDay> Apply)>();
        var remove = root.Attribute("NotifType")?.Value == "Remove";
        foreach (var item in list.Elements(GoogleWire.Ns + itemName))
        {
            if (!TryControl(item, out var control, out var problem))
            {
                return Invalid(rs, problem, state);
            }

            Func<SimulatedDay, SimulatedDay>? apply = rootName switch
            {
                "OTA_HotelInvCountNotifRQ" => InvCount(item, out problem),
                "OTA_HotelAvailNotifRQ" => Avail(item, out problem),
                _ => Rate(item, remove, out problem),
            };
            if (apply is null)
            {
                return Invalid(rs, problem, state);
            }

            changes.Add((control, apply));
        }

        if (changes.Count == 0)
        {
            return Invalid(rs, $"{listName} holds no {itemName}.", state);
        }

        lock (state.Gate)
        {
            foreach (var (control, apply) in changes)
            {
                for (var date = control.Start; date <= control.End; date = date.AddDays(1))
                {
                    if (control.Days is { } days && !days.Contains(date.DayOfWeek))
                    {
                        continue;
                    }

                    state.SetDayUnderLock(Platform.Google, hotel, apply(state.DayUnderLock(Platform.Google, hotel, date)));
                }
            }
        }

        return GoogleWire.Success(rs, state.TimeProvider);
    }

    private static Func<SimulatedDay, SimulatedDay>? InvCount(XElement item, out string problem)
    {
        problem = string.Empty;
        var count = item.Element(GoogleWire.Ns + "InvCounts")?.Element(GoogleWire.Ns + "InvCount");
        if (count is null || count.Attribute("CountType")?.Value != "2" ||
            !int.TryParse(count.Attribute("Count")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            problem = "Inventory needs InvCounts/InvCount with a non-negative Count and CountType=\"2\".";
            return null;
        }

        return day => day with { AvailableCount = n };
    }

    private static Func<SimulatedDay, SimulatedDay>? Avail(XElement item, out string problem)
    {
        problem = string.Empty;
        int? min = null, max = null;
        foreach (var los in item.Element(GoogleWire.Ns + "LengthsOfStay")?.Elements(GoogleWire.Ns + "LengthOfStay") ?? [])
        {
            if (!int.TryParse(los.Attribute("Time")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var nights))
            {
                problem = "LengthOfStay/@Time must be a non-negative integer.";
                return null;
            }

            switch (los.Attribute("MinMaxMessageType")?.Value)
            {
                case "SetMinLOS": min = nights; break;
                case "SetMaxLOS": max = nights; break;
                default:
                    problem = "The simulator supports LengthOfStay/@MinMaxMessageType SetMinLOS and SetMaxLOS only.";
                    return null;
            }
        }

        var restriction = item.Element(GoogleWire.Ns + "RestrictionStatus");
        var status = restriction?.Attribute("Status")?.Value;
        var kind = restriction?.Attribute("Restriction")?.Value;
        if (restriction is not null && status is not ("Open" or "Close"))
        {
            problem = "RestrictionStatus/@Status must be Open or Close.";
            return null;
        }

        if (kind is not (null or "Master" or "Arrival" or "Departure"))
        {
            problem = "RestrictionStatus/@Restriction must be Master, Arrival or Departure.";
            return null;
        }

        if (min is null && max is null && restriction is null)
        {
            problem = "AvailStatusMessage needs LengthsOfStay or RestrictionStatus.";
            return null;
        }

        var closed = status == "Close";
        return day =>
        {
            var result = day with { MinNights = min ?? day.MinNights, MaxNights = max ?? day.MaxNights };
            return (status, kind) switch
            {
                (null, _) => result,
                (_, "Arrival") => result with { ClosedToArrival = closed },
                (_, "Departure") => result with { ClosedToDeparture = closed },
                _ => result with { IsAvailable = !closed, BusySubtype = null },
            };
        };
    }

    private static Func<SimulatedDay, SimulatedDay>? Rate(XElement item, bool remove, out string problem)
    {
        problem = string.Empty;
        if (item.Element(GoogleWire.Ns + "StatusApplicationControl")?.Attribute("RatePlanCode") is null)
        {
            problem = "StatusApplicationControl/@RatePlanCode is required for rates.";
            return null;
        }

        if (remove)
        {
            return day => day with { DailyPrice = null };
        }

        var amount = item.Descendants(GoogleWire.Ns + "BaseByGuestAmt").FirstOrDefault();
        var text = amount?.Attribute("AmountBeforeTax")?.Value ?? amount?.Attribute("AmountAfterTax")?.Value;
        if (amount is null || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) ||
            amount.Attribute("CurrencyCode")?.Value is not { Length: 3 })
        {
            problem = "Rates/Rate/BaseByGuestAmts/BaseByGuestAmt needs AmountBeforeTax (decimal) and CurrencyCode.";
            return null;
        }

        return day => day with { DailyPrice = price };
    }

    private static bool TryControl(XElement item, out Control control, out string problem)
    {
        control = default;
        problem = string.Empty;
        var sac = item.Element(GoogleWire.Ns + "StatusApplicationControl");
        if (sac is null ||
            !DateOnly.TryParseExact(sac.Attribute("Start")?.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start) ||
            !DateOnly.TryParseExact(sac.Attribute("End")?.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            problem = "StatusApplicationControl with Start and End (YYYY-MM-DD) is required.";
            return false;
        }

        if (end < start)
        {
            problem = "StatusApplicationControl/@End is before @Start.";
            return false;
        }

        HashSet<DayOfWeek>? days = null;
        if (Weekdays.Any(d => sac.Attribute(d) is not null))
        {
            days = [.. Enumerable.Range(0, 7).Where(i => sac.Attribute(Weekdays[i])?.Value is "1" or "true").Select(i => (DayOfWeek)i)];
        }

        control = new Control(start, end, days);
        return true;
    }

    private static IResult Invalid(string rs, string text, SimulatorState state) =>
        GoogleWire.Error(StatusCodes.Status400BadRequest, rs, text, "400", state.TimeProvider);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private readonly record struct Control(DateOnly Start, DateOnly End, HashSet<DayOfWeek>? Days);
}
