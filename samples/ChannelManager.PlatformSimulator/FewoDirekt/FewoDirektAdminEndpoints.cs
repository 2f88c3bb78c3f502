using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace ChannelManager.Simulator.FewoDirekt;

/// <summary>
/// The control API of the simulated Vrbo under <c>/_sim/fewo-direkt/</c> (JSON, snake_case): poll the partner's feeds
/// now (<c>POST /poll</c>, last outcome at <c>GET /poll</c>); guests book, change and cancel, and each booking
/// document is posted to the partner's booking URL.
/// </summary>
internal static class FewoDirektAdminEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/_sim/fewo-direkt");
        sim.MapGet("/reservations", ([FromServices] FewoDirektSimulator simulator, [FromServices] State.SimulatorState state) => Results.Json(new { reservations = state.FewoDirekt.Reservations }, Json));
        sim.MapPost("/reservations", CreateAsync);
        sim.MapPost("/poll", async (HttpContext context, [FromServices] FewoDirektSimulator simulator) => Results.Json(await simulator.PollAsync(context.RequestAborted), Json));
        sim.MapGet("/poll", ([FromServices] FewoDirektSimulator simulator) =>
            simulator.LastPoll is { } last ? Results.Json(last, Json) : Results.Json(new { error = "No poll has run yet." }, Json, statusCode: 404));
        sim.MapPost("/reservations/{id}/cancel", async (string id, HttpContext context, [FromServices] FewoDirektSimulator simulator) =>
        {
            var body = await ReadAsync<ChangeRequest>(context);
            return await RunAsync(() => simulator.CancelReservationAsync(id, body?.BookingUrl, context.RequestAborted), StatusCodes.Status200OK);
        });
        sim.MapPost("/reservations/{id}/modify", async (string id, HttpContext context, [FromServices] FewoDirektSimulator simulator) =>
        {
            var body = await ReadAsync<ChangeRequest>(context);
            return body?.BeginDate is null || body.EndDate is null
                ? Results.Json(new { error = "begin_date and end_date are required." }, Json, statusCode: 400)
                : await RunAsync(() => simulator.ModifyReservationAsync(id, body.BeginDate.Value, body.EndDate.Value, body.BookingUrl, context.RequestAborted), StatusCodes.Status200OK);
        });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, [FromServices] FewoDirektSimulator simulator)
    {
        CreateRequest? body;
        try
        {
            body = await ReadAsync<CreateRequest>(context);
        }
        catch (JsonException ex)
        {
            return Results.Json(new { error = $"The body is not valid JSON: {ex.Message}" }, Json, statusCode: 400);
        }

        if (body?.ListingId is null || body.BeginDate is null || (body.EndDate is null && body.Nights is null))
        {
            return Results.Json(new { error = "listing_id, begin_date and end_date (or nights) are required." }, Json, statusCode: 400);
        }

        var defaults = new FewoDirektReservationRequest { ListingId = body.ListingId, BeginDate = body.BeginDate.Value, EndDate = body.EndDate ?? body.BeginDate.Value.AddDays(body.Nights!.Value) };
        var request = defaults with
        {
            UnitId = body.UnitId,
            AdvertiserId = body.AdvertiserId ?? defaults.AdvertiserId,
            Adults = body.Adults ?? defaults.Adults,
            Children = body.Children ?? 0,
            Pets = body.Pets ?? 0,
            FirstName = body.FirstName ?? defaults.FirstName,
            LastName = body.LastName ?? defaults.LastName,
            Email = body.Email,
            Phone = body.Phone,
            Rent = body.Rent,
            CleaningFee = body.CleaningFee,
            Currency = body.Currency ?? defaults.Currency,
            ReservationId = body.ReservationId,
        };
        return await RunAsync(() => simulator.CreateReservationAsync(request, body.BookingUrl, context.RequestAborted), StatusCodes.Status201Created);
    }

    private static async Task<T?> ReadAsync<T>(HttpContext context)
        where T : class =>
        context.Request.ContentLength is 0 or null && context.Request.Headers.TransferEncoding.Count == 0
            ? null
            : await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Json, context.RequestAborted);

    private static async Task<IResult> RunAsync(Func<Task<FewoDirektReservationResult>> action, int status)
    {
        try
        {
            return Results.Json(await action(), Json, statusCode: status);
        }
        catch (KeyNotFoundException ex)
        {
            return Results.Json(new { error = ex.Message }, Json, statusCode: 404);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return Results.Json(new { error = ex.Message }, Json, statusCode: 409);
        }
    }

    private sealed record CreateRequest(
        string? ListingId,
        string? UnitId,
        string? AdvertiserId,
        DateOnly? BeginDate,
        DateOnly? EndDate,
        int? Nights,
        int? Adults,
        int? Children,
        int? Pets,
        string? FirstName,
        string? LastName,
        string? Email,
        string? Phone,
        decimal? Rent,
        decimal? CleaningFee,
        string? Currency,
        string? ReservationId,
        Uri? BookingUrl);

    private sealed record ChangeRequest(DateOnly? BeginDate, DateOnly? EndDate, Uri? BookingUrl);
}
