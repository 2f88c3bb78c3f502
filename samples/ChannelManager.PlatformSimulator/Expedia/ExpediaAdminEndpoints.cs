using System.Text.Json;
using ChannelManager.Simulator.State;
using Microsoft.AspNetCore.Mvc;

namespace ChannelManager.Simulator.Expedia;

/// <summary>
/// The control API of the simulated Expedia under <c>/_sim/expedia/</c> (JSON, snake_case): guests book, modify and
/// cancel; the bookings are listed with their retrieval status.
/// </summary>
internal static class ExpediaAdminEndpoints
{
    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/_sim/expedia");
        sim.MapPost("/reservations", CreateAsync);
        sim.MapGet("/reservations", ([FromServices] SimulatorState state) => Results.Json(new { reservations = state.Expedia.Reservations }, RequestJson));
        sim.MapPost("/reservations/{id}/cancel", (string id, [FromServices] SimulatorState state) => Change(() => state.Expedia.Cancel(id)));
        sim.MapPost("/reservations/{id}/modify", ModifyAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, [FromServices] SimulatorState state)
    {
        ExpediaReservationRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<ExpediaReservationRequest>(context.Request.Body, RequestJson, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return BadRequest($"The body is not valid JSON (hotel_id, room_type_id, arrival and departure are required): {ex.Message}");
        }

        return body is null ? BadRequest("A body is required.") : Change(() => state.Expedia.Create(body), StatusCodes.Status201Created);
    }

    private static async Task<IResult> ModifyAsync(string id, HttpContext context, [FromServices] SimulatorState state)
    {
        ModifyRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<ModifyRequest>(context.Request.Body, RequestJson, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return BadRequest($"The body is not valid JSON: {ex.Message}");
        }

        return body?.Arrival is null || body.Departure is null
            ? BadRequest("arrival and departure are required.")
            : Change(() => state.Expedia.Modify(id, body.Arrival.Value, body.Departure.Value));
    }

    private static IResult Change(Func<ExpediaReservation> change, int status = StatusCodes.Status200OK)
    {
        try
        {
            return Results.Json(new { reservation = change() }, RequestJson, statusCode: status);
        }
        catch (ArgumentException ex)
        {
            return BadRequest(ex.Message);
        }
        catch (KeyNotFoundException ex)
        {
            return Results.Json(new { error = ex.Message }, RequestJson, statusCode: StatusCodes.Status404NotFound);
        }
        catch (InvalidOperationException ex)
        {
            return Results.Json(new { error = ex.Message }, RequestJson, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static IResult BadRequest(string message) => Results.Json(new { error = message }, RequestJson, statusCode: StatusCodes.Status400BadRequest);

    private sealed record ModifyRequest(DateOnly? Arrival, DateOnly? Departure);
}
