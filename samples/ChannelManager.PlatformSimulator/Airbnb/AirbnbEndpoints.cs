using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChannelManager.Connections;
using ChannelManager.Simulator.State;
using Microsoft.AspNetCore.Mvc;

namespace ChannelManager.Simulator.Airbnb;

/// <summary>The Airbnb wire format (platforms.md §2), below <c>/airbnb</c>.</summary>
internal static partial class AirbnbEndpoints
{
    public const string ApiKeyHeader = "X-Airbnb-API-Key";
    public const string OAuthTokenHeader = "X-Airbnb-OAuth-Token";
    public const string ApiVersionHeader = "X-AIRBNB-REQ-API-VERSION";

    /// <summary>Airbnb's default page size (ASSUMED) and largest page.</summary>
    private const int DefaultLimit = 20;
    private const int MaxLimit = 100;

    public static void Map(RouteGroupBuilder airbnb)
    {
        // The token endpoint authenticates the partner (HTTP Basic), not a host's token.
        AirbnbOAuthEndpoints.Map(airbnb);
        var api = airbnb.MapGroup(string.Empty);
        api.AddEndpointFilter(async (context, next) => Authorize(context.HttpContext, context.HttpContext.RequestServices.GetRequiredService<SimulatorState>()) ?? await next(context));
        api.MapPost("/v2/calendar_operations", PostCalendarOperationsAsync);
        api.MapGet("/v2/calendars/{listingId}/{start}/{end}", GetCalendar);
        api.MapGet("/v2/listings/{listingId}", GetListing);
        api.MapGet("/v2/reservations", ListReservations);
        api.MapGet("/v2/reservations/{confirmationCode}", GetReservation);
        api.MapFallback((HttpContext context) => AirbnbErrors.Result(StatusCodes.Status404NotFound, $"No endpoint {context.Request.Method} {context.Request.Path}."));
    }

    private static IResult? Authorize(HttpContext context, SimulatorState state)
    {
        var headers = context.Request.Headers;
        if (string.IsNullOrWhiteSpace(headers[ApiKeyHeader]))
        {
            return AirbnbErrors.Result(StatusCodes.Status401Unauthorized, $"The {ApiKeyHeader} header is missing.");
        }

        var token = headers[OAuthTokenHeader].ToString();
        if (string.IsNullOrWhiteSpace(token))
        {
            return AirbnbErrors.Result(StatusCodes.Status401Unauthorized, $"The {OAuthTokenHeader} header is missing.");
        }

        if (!state.Airbnb.IsAccessTokenValid(token, out var expired))
        {
            return AirbnbErrors.Result(StatusCodes.Status401Unauthorized, expired ? "The access token has expired." : "The access token is invalid or has been revoked.");
        }

        var version = headers[ApiVersionHeader].ToString();
        if (version.Length > 0 && !ApiVersionPattern().IsMatch(version))
        {
            return AirbnbErrors.Invalid($"{ApiVersionHeader} \"{version}\" is not a dated API version (YYYY.MM.DD).", "invalid_api_version");
        }

        return null;
    }

    private static async Task<IResult> PostCalendarOperationsAsync(HttpContext context, [FromServices] SimulatorState state)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return AirbnbErrors.Invalid($"The body is not valid JSON: {ex.Message}", "invalid_json");
        }

        using (document)
        {
            var errors = new List<AirbnbErrorDetail>();
            var operations = AirbnbCalendarOperationParser.Parse(document.RootElement, errors);
            if (operations is null)
            {
                return AirbnbErrors.Invalid(errors);
            }

            if (!state.ListingExists(Platform.Airbnb, operations.ListingId))
            {
                return AirbnbErrors.ListingNotFound(operations.ListingId);
            }

            state.Apply(Platform.Airbnb, operations.ListingId, operations.Changes);
            return Results.Json(
                new { calendar_operation = new { listing_id = AirbnbWire.ListingId(operations.ListingId), operations_applied = operations.OperationCount } },
                SimulatorJson.Options);
        }
    }

    private static IResult GetCalendar(string listingId, string start, string end, [FromServices] SimulatorState state)
    {
        if (!AirbnbCalendarOperationParser.TryDate(start, out var from) || !AirbnbCalendarOperationParser.TryDate(end, out var through))
        {
            return AirbnbErrors.Invalid("start and end must be YYYY-MM-DD.", "invalid_date");
        }

        if (through < from)
        {
            return AirbnbErrors.Invalid("end is before start.", "invalid_date_range");
        }

        if (through.DayNumber - from.DayNumber + 1 > AirbnbCalendarOperationParser.MaxNightsPerEntry)
        {
            return AirbnbErrors.Invalid($"A calendar read covers at most {AirbnbCalendarOperationParser.MaxNightsPerEntry} nights.", "date_range_too_long");
        }

        if (!state.ListingExists(Platform.Airbnb, listingId))
        {
            return AirbnbErrors.ListingNotFound(listingId);
        }

        var stored = state.GetCalendar(Platform.Airbnb, listingId, from, through.AddDays(1)).ToDictionary(d => d.Date);
        var days = new List<object>();
        for (var date = from; date <= through; date = date.AddDays(1))
        {
            days.Add(AirbnbWire.Day(stored.TryGetValue(date, out var day) ? day : SimulatedDay.Default(date)));
        }

        return Results.Json(new { calendar = new { listing_id = AirbnbWire.ListingId(listingId), days } }, SimulatorJson.Options);
    }

    private static IResult GetListing(string listingId, [FromServices] SimulatorState state) =>
        state.ListingExists(Platform.Airbnb, listingId)
            ? Results.Json(new { listing = new { id = AirbnbWire.ListingId(listingId), synchronization_category = "sync_all" } }, SimulatorJson.Options)
            : AirbnbErrors.ListingNotFound(listingId);

    private static IResult ListReservations(HttpContext context, [FromServices] SimulatorState state)
    {
        var query = context.Request.Query;
        var listingId = query["listing_id"].ToString();
        if (string.IsNullOrWhiteSpace(listingId))
        {
            return AirbnbErrors.Invalid("listing_id is required.", "missing_listing_id");
        }

        if (!TryReadInt(query["_limit"].ToString(), DefaultLimit, out var limit) || limit is < 1 or > MaxLimit)
        {
            return AirbnbErrors.Invalid($"_limit must be an integer from 1 to {MaxLimit}.", "invalid_limit");
        }

        if (!TryReadInt(query["_offset"].ToString(), 0, out var offset) || offset < 0)
        {
            return AirbnbErrors.Invalid("_offset must be a non-negative integer.", "invalid_offset");
        }

        if (!state.ListingExists(Platform.Airbnb, listingId))
        {
            return AirbnbErrors.ListingNotFound(listingId);
        }

        var all = state.Airbnb.GetReservations(listingId);
        var page = all.Skip(offset).Take(limit).Select(AirbnbWire.Reservation).ToArray();
        return Results.Json(
            new { reservations = page, metadata = new { _limit = limit, _offset = offset, _total = all.Count } },
            SimulatorJson.Options);
    }

    private static IResult GetReservation(string confirmationCode, [FromServices] SimulatorState state) =>
        state.Airbnb.GetReservation(confirmationCode) is { } reservation
            ? Results.Json(new { reservation = AirbnbWire.Reservation(reservation) }, SimulatorJson.Options)
            : AirbnbErrors.Result(StatusCodes.Status404NotFound, $"Reservation {confirmationCode} was not found.");

    private static bool TryReadInt(string text, int fallback, out int value)
    {
        if (text.Length == 0)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^\d{4}\.\d{2}\.\d{2}$")]
    private static partial Regex ApiVersionPattern();
}
