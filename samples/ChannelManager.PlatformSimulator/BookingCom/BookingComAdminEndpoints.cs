using System.Text.Json;
using ChannelManager.Simulator.State;
using Microsoft.AspNetCore.Mvc;

namespace ChannelManager.Simulator.BookingCom;

/// <summary>
/// The control API of the simulated Booking.com under <c>/_sim/booking-com/</c> (JSON, snake_case): guests book,
/// modify and cancel; tokens expire on demand.
/// </summary>
internal static class BookingComAdminEndpoints
{
    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/_sim/booking-com");
        sim.MapPost("/reservations", CreateAsync);
        sim.MapGet("/reservations", ([FromServices] SimulatorState state) => Results.Json(new { reservations = state.BookingCom.Reservations }, RequestJson));
        sim.MapPost("/reservations/{id}/cancel", (string id, [FromServices] SimulatorState state) => Change(() => state.BookingCom.Cancel(id)));
        sim.MapPost("/reservations/{id}/modify", ModifyAsync);
        sim.MapPost("/tokens/expire", ([FromServices] SimulatorState state) =>
        {
            state.BookingCom.ExpireTokens();
            return Results.NoContent();
        });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, [FromServices] SimulatorState state)
    {
        CreateRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CreateRequest>(context.Request.Body, RequestJson, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return BadRequest($"The body is not valid JSON: {ex.Message}");
        }

        if (body?.HotelId is null || body.RoomId is null || body.Arrival is null || body.Departure is null)
        {
            return BadRequest("hotel_id, room_id, arrival and departure are required.");
        }

        var defaults = new BookingComReservationRequest { HotelId = body.HotelId, RoomId = body.RoomId, Arrival = body.Arrival.Value, Departure = body.Departure.Value };
        var request = defaults with
        {
            RatePlanId = body.RatePlanId,
            AdditionalRoomIds = body.AdditionalRoomIds ?? [],
            NumberOfGuests = body.NumberOfGuests ?? defaults.NumberOfGuests,
            GuestFirstName = body.GuestFirstName ?? defaults.GuestFirstName,
            GuestLastName = body.GuestLastName ?? defaults.GuestLastName,
            GuestEmail = body.GuestEmail,
            GuestPhone = body.GuestPhone,
            TotalAmount = body.TotalAmount,
            Currency = body.Currency ?? defaults.Currency,
            ReservationId = body.ReservationId,
        };
        return Change(() => state.BookingCom.Create(request), StatusCodes.Status201Created);
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
            : Change(() => state.BookingCom.Modify(id, body.Arrival.Value, body.Departure.Value));
    }

    private static IResult Change(Func<BookingComReservation> change, int status = StatusCodes.Status200OK)
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

    private sealed record CreateRequest(
        string? HotelId,
        string? RoomId,
        string[]? AdditionalRoomIds,
        string? RatePlanId,
        DateOnly? Arrival,
        DateOnly? Departure,
        int? NumberOfGuests,
        string? GuestFirstName,
        string? GuestLastName,
        string? GuestEmail,
        string? GuestPhone,
        decimal? TotalAmount,
        string? Currency,
        string? ReservationId);

    private sealed record ModifyRequest(DateOnly? Arrival, DateOnly? Departure);
}
