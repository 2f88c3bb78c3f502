using System.Text.Json;
using ChannelManager.Simulator.State;
using Microsoft.AspNetCore.Mvc;

namespace ChannelManager.Simulator.Expedia;

/// <summary>
/// The control API of the simulated Expedia under <c>/_sim/expedia/</c> (JSON, snake_case): guests book, modify and
/// cancel; the bookings are listed with their retrieval status. With <c>?notify=true</c> (or
/// <c>POST /reservations/{id}/notify</c>) the booking's latest message is also pushed as a Booking Notification
/// (SOAP <c>OTA_HotelResNotifRQ</c>) and the partner's synchronous answer checked; <c>GET /notifications</c> lists
/// every notification with its attempts.
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
        sim.MapPost("/reservations/{id}/cancel", (string id, bool? notify, HttpContext context, [FromServices] SimulatorState state, [FromServices] ExpediaBookingNotifier notifier) =>
            ChangeAsync(() => state.Expedia.Cancel(id), notify == true ? notifier : null, StatusCodes.Status200OK, context.RequestAborted));
        sim.MapPost("/reservations/{id}/modify", ModifyAsync);
        sim.MapPost("/reservations/{id}/notify", NotifyAsync);
        sim.MapGet("/notifications", ([FromServices] ExpediaBookingNotifier notifier) => Results.Json(new { notifications = notifier.Deliveries }, RequestJson));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, bool? notify, [FromServices] SimulatorState state, [FromServices] ExpediaBookingNotifier notifier)
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

        return body is null
            ? BadRequest("A body is required.")
            : await ChangeAsync(() => state.Expedia.Create(body), notify == true ? notifier : null, StatusCodes.Status201Created, context.RequestAborted);
    }

    private static async Task<IResult> ModifyAsync(string id, bool? notify, HttpContext context, [FromServices] SimulatorState state, [FromServices] ExpediaBookingNotifier notifier)
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
            : await ChangeAsync(() => state.Expedia.Modify(id, body.Arrival.Value, body.Departure.Value), notify == true ? notifier : null, StatusCodes.Status200OK, context.RequestAborted);
    }

    private static async Task<IResult> NotifyAsync(string id, HttpContext context, [FromServices] ExpediaBookingNotifier notifier)
    {
        NotifyRequest? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                body = await JsonSerializer.DeserializeAsync<NotifyRequest>(context.Request.Body, RequestJson, context.RequestAborted);
            }
            catch (JsonException ex)
            {
                return BadRequest($"The body is not valid JSON (webhook_url and request_id are optional): {ex.Message}");
            }
        }

        try
        {
            var delivery = await notifier.SendAsync(id, body?.WebhookUrl, body?.RequestId, context.RequestAborted);
            return Results.Json(new { notification = delivery }, RequestJson);
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

    private static async Task<IResult> ChangeAsync(Func<ExpediaReservation> change, ExpediaBookingNotifier? notifier, int status, CancellationToken cancellationToken)
    {
        ExpediaReservation reservation;
        try
        {
            reservation = change();
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

        if (notifier is null)
        {
            return Results.Json(new { reservation }, RequestJson, statusCode: status);
        }

        try
        {
            var notification = await notifier.SendAsync(reservation.BookingId, cancellationToken: cancellationToken);
            return Results.Json(new { reservation, notification }, RequestJson, statusCode: status);
        }
        catch (InvalidOperationException ex)
        {
            // The change happened; only the notification could not be sent (no URL configured).
            return Results.Json(new { reservation, error = ex.Message }, RequestJson, statusCode: status);
        }
    }

    private static IResult BadRequest(string message) => Results.Json(new { error = message }, RequestJson, statusCode: StatusCodes.Status400BadRequest);

    private sealed record ModifyRequest(DateOnly? Arrival, DateOnly? Departure);

    private sealed record NotifyRequest(Uri? WebhookUrl, string? RequestId);
}
