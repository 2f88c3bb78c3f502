using System.Globalization;
using System.Text.Json;
using ChannelManager.Connections;
using ChannelManager.Simulator.Airbnb;
using ChannelManager.Simulator.Calls;
using ChannelManager.Simulator.Faults;
using ChannelManager.Simulator.Hosting;
using ChannelManager.Simulator.State;
using Microsoft.AspNetCore.Mvc;

namespace ChannelManager.Simulator.Admin;

/// <summary>
/// The simulator's own control API under <c>/_sim/</c> (JSON, snake_case): faults, recorded calls, calendars,
/// tokens, listings and Airbnb reservations. Never recorded as platform calls and never faulted.
/// </summary>
internal static class AdminEndpoints
{
    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapGet("/", (SimulatedPlatforms platforms, HttpContext context) => Results.Json(
            new
            {
                platforms = platforms.All.Select(p => new
                {
                    platform = p.Platform.ToWireName(),
                    base_address = $"{context.Request.Scheme}://{context.Request.Host}{SimulatedPlatforms.MountOf(p.Platform)}/",
                }),
            },
            SimulatorJson.Options));

        sim.MapPost("/faults", PostFaultAsync);
        sim.MapGet("/faults", ([FromServices] SimulatorState state) => Results.Json(state.PendingFaults.Select(FaultJson), SimulatorJson.Options));
        sim.MapDelete("/faults", ([FromServices] SimulatorState state) =>
        {
            state.ClearFaults();
            return Results.NoContent();
        });

        sim.MapGet("/calls", GetCalls);
        sim.MapDelete("/calls", ([FromServices] SimulatorState state) =>
        {
            state.ClearCalls();
            return Results.NoContent();
        });

        sim.MapGet("/calendars/{platform}/{listingId}", GetCalendar);
        sim.MapDelete("/listings/{platform}/{listingId}", (string platform, string listingId, [FromServices] SimulatorState state) =>
            WithPlatform(platform, p =>
            {
                state.RemoveListing(p, listingId);
                return Results.NoContent();
            }));
        sim.MapPut("/listings/{platform}/{listingId}", (string platform, string listingId, [FromServices] SimulatorState state) =>
            WithPlatform(platform, p =>
            {
                state.RestoreListing(p, listingId);
                return Results.NoContent();
            }));

        sim.MapPost("/tokens/revoke", (HttpContext context, [FromServices] SimulatorState state) => TokenAsync(context, state.RevokeToken));
        sim.MapPost("/tokens/restore", (HttpContext context, [FromServices] SimulatorState state) => TokenAsync(context, state.RestoreToken));
        sim.MapPost("/reset", ([FromServices] SimulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });

        sim.MapPost("/airbnb/reservations", CreateAirbnbReservationAsync);
        sim.MapGet("/airbnb/reservations", ([FromServices] SimulatorState state) =>
            Results.Json(new { reservations = state.Airbnb.Reservations.Select(AirbnbWire.Reservation) }, SimulatorJson.Options));
        sim.MapPost("/airbnb/reservations/{code}/cancel", CancelAirbnbReservationAsync);
        sim.MapPost("/airbnb/reservations/{code}/alter", AlterAirbnbReservationAsync);
        AirbnbOAuthEndpoints.MapAdmin(sim);
    }

    private static async Task<IResult> PostFaultAsync(HttpContext context, [FromServices] SimulatorState state)
    {
        var (request, error) = await ReadAsync<FaultRequest>(context);
        if (request is null)
        {
            return error!;
        }

        if (!PlatformNames.TryParse(request.Platform, out var platform))
        {
            return BadRequest($"Unknown platform \"{request.Platform}\"; one of: {string.Join(", ", PlatformNames.All)}.");
        }

        SimulatorFaultKind kind;
        switch (request.Kind?.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant())
        {
            case "HTTPSTATUS" or "STATUS": kind = SimulatorFaultKind.HttpStatus; break;
            case "TIMEOUT" or "HANG": kind = SimulatorFaultKind.Timeout; break;
            case "SLOWBODY" or "SLOW": kind = SimulatorFaultKind.SlowBody; break;
            case "TRUNCATEDBODY" or "TRUNCATED": kind = SimulatorFaultKind.TruncatedBody; break;
            default: return BadRequest("kind must be http_status, timeout, slow_body or truncated_body.");
        }

        var fault = new SimulatorFault
        {
            Platform = platform,
            Kind = kind,
            StatusCode = request.StatusCode ?? StatusCodes.Status500InternalServerError,
            RetryAfterSeconds = request.RetryAfterSeconds,
            Delay = TimeSpan.FromMilliseconds(request.DelayMs ?? 0),
            Times = request.Times ?? 1,
            PathPrefix = request.PathPrefix,
        };
        try
        {
            state.InjectFault(fault);
        }
        catch (ArgumentException ex)
        {
            return BadRequest(ex.Message);
        }

        return Results.Json(new { pending = state.PendingFaults.Select(FaultJson) }, SimulatorJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static IResult GetCalls(HttpContext context, [FromServices] SimulatorState state)
    {
        var platformText = context.Request.Query["platform"].ToString();
        IReadOnlyList<RecordedCall> calls;
        if (platformText.Length == 0)
        {
            calls = state.Calls;
        }
        else if (PlatformNames.TryParse(platformText, out var platform))
        {
            calls = state.CallsFor(platform);
        }
        else
        {
            return BadRequest($"Unknown platform \"{platformText}\".");
        }

        return Results.Json(
            calls.Select(c => new
            {
                platform = c.Platform.ToWireName(),
                method = c.Method,
                path_and_query = c.PathAndQuery,
                request_body = c.RequestBody,
                status_code = c.StatusCode,
                timestamp = c.Timestamp,
                duration_ms = Math.Round(c.Duration.TotalMilliseconds, 3),
                fault = c.Fault?.ToString(),
            }),
            SimulatorJson.Options);
    }

    private static IResult GetCalendar(string platform, string listingId, HttpContext context, [FromServices] SimulatorState state) =>
        WithPlatform(platform, p =>
        {
            var query = context.Request.Query;
            if (!TryDate(query["from"].ToString(), out var from) || !TryDate(query["to"].ToString(), out var to) || to <= from)
            {
                return BadRequest("from and to (exclusive) are required as YYYY-MM-DD, with to after from.");
            }

            var days = state.GetCalendar(p, listingId, from, to).Select(d => new
            {
                date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                availability = d.IsAvailable ? "available" : "unavailable",
                daily_price = d.DailyPrice,
                available_count = d.AvailableCount,
                min_nights = d.MinNights,
                max_nights = d.MaxNights,
                closed_to_arrival = d.ClosedToArrival,
                closed_to_departure = d.ClosedToDeparture,
                busy_subtype = d.BusySubtype,
                notes = d.Notes,
                reservation_code = d.ReservationCode,
            });
            return Results.Json(new { platform = p.ToWireName(), listing_id = listingId, listing_exists = state.ListingExists(p, listingId), days }, SimulatorJson.Options);
        });

    private static async Task<IResult> CreateAirbnbReservationAsync(HttpContext context, [FromServices] AirbnbSimulator airbnb)
    {
        var (body, error) = await ReadAsync<AirbnbReservationCreateRequest>(context);
        if (body is null)
        {
            return error!;
        }

        if (body.ListingId is null || body.StartDate is null || body.Nights is null)
        {
            return BadRequest("listing_id, start_date and nights are required.");
        }

        var defaults = new AirbnbReservationRequest { ListingId = body.ListingId, StartDate = body.StartDate.Value, Nights = body.Nights.Value };
        var request = defaults with
        {
            NumberOfGuests = body.NumberOfGuests ?? defaults.NumberOfGuests,
            GuestFirstName = body.GuestFirstName ?? defaults.GuestFirstName,
            GuestLastName = body.GuestLastName ?? defaults.GuestLastName,
            GuestEmail = body.GuestEmail ?? defaults.GuestEmail,
            GuestPhoneNumbers = body.GuestPhoneNumbers ?? defaults.GuestPhoneNumbers,
            ListingBasePrice = body.ListingBasePrice,
            ExpectedPayoutAmount = body.ExpectedPayoutAmount,
            Currency = body.Currency ?? defaults.Currency,
            ConfirmationCode = body.ConfirmationCode,
            RequireAvailability = body.RequireAvailability ?? false,
            WebhookUrl = body.WebhookUrl,
        };
        return await ReservationResultAsync(() => airbnb.CreateReservationAsync(request, context.RequestAborted), StatusCodes.Status201Created);
    }

    private static async Task<IResult> CancelAirbnbReservationAsync(string code, HttpContext context, [FromServices] AirbnbSimulator airbnb)
    {
        var (body, error) = await ReadAsync<AirbnbReservationChangeRequest>(context, allowEmpty: true);
        if (error is not null)
        {
            return error;
        }

        return await ReservationResultAsync(() => airbnb.CancelReservationAsync(code, body?.WebhookUrl, context.RequestAborted), StatusCodes.Status200OK);
    }

    private static async Task<IResult> AlterAirbnbReservationAsync(string code, HttpContext context, [FromServices] AirbnbSimulator airbnb)
    {
        var (body, error) = await ReadAsync<AirbnbReservationChangeRequest>(context);
        if (body is null)
        {
            return error!;
        }

        if (body.StartDate is null || body.Nights is null)
        {
            return BadRequest("start_date and nights are required.");
        }

        return await ReservationResultAsync(
            () => airbnb.AlterReservationAsync(code, body.StartDate.Value, body.Nights.Value, body.WebhookUrl, context.RequestAborted),
            StatusCodes.Status200OK);
    }

    private static async Task<IResult> ReservationResultAsync(Func<Task<AirbnbReservationResult>> action, int successStatus)
    {
        try
        {
            var result = await action();
            return Results.Json(
                new
                {
                    reservation = AirbnbWire.Reservation(result.Reservation),
                    webhook = result.Webhook is { } w
                        ? new { url = w.Url, action = w.Action, delivery_id = w.DeliveryId, status_code = w.StatusCode, error = w.Error }
                        : null,
                },
                SimulatorJson.Options,
                statusCode: successStatus);
        }
        catch (ArgumentException ex)
        {
            return BadRequest(ex.Message);
        }
        catch (KeyNotFoundException ex)
        {
            return Results.Json(new { error = ex.Message }, SimulatorJson.Options, statusCode: StatusCodes.Status404NotFound);
        }
        catch (InvalidOperationException ex)
        {
            return Results.Json(new { error = ex.Message }, SimulatorJson.Options, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> TokenAsync(HttpContext context, Action<string> apply)
    {
        var (body, error) = await ReadAsync<TokenRequest>(context);
        if (body is null)
        {
            return error!;
        }

        if (string.IsNullOrEmpty(body.Token))
        {
            return BadRequest("token is required.");
        }

        apply(body.Token);
        return Results.NoContent();
    }

    private static IResult WithPlatform(string platform, Func<Platform, IResult> action) =>
        PlatformNames.TryParse(platform, out var p) ? action(p) : BadRequest($"Unknown platform \"{platform}\".");

    private static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpContext context, bool allowEmpty = false)
        where T : class
    {
        if (allowEmpty && context.Request.ContentLength is null or 0 && context.Request.Headers.TransferEncoding.Count == 0)
        {
            return (null, null);
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, RequestJson, context.RequestAborted);
            return body is null ? (null, BadRequest("A JSON object body is required.")) : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, BadRequest($"The body is not valid JSON for this call: {ex.Message}"));
        }
    }

    private static object FaultJson(SimulatorFault f) => new
    {
        platform = f.Platform.ToWireName(),
        kind = f.Kind.ToString(),
        status_code = f.Kind == SimulatorFaultKind.HttpStatus ? f.StatusCode : (int?)null,
        retry_after_seconds = f.RetryAfterSeconds,
        delay_ms = f.Delay.TotalMilliseconds,
        times = f.Times,
        path_prefix = f.PathPrefix,
    };

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static IResult BadRequest(string message) =>
        Results.Json(new { error = message }, SimulatorJson.Options, statusCode: StatusCodes.Status400BadRequest);
}
