using System.Text;
using System.Text.Json;
using ChannelManager.Simulator.State;
using Microsoft.AspNetCore.Mvc;

namespace ChannelManager.Simulator.Google;

/// <summary>
/// The control API of the simulated Google under <c>/_sim/google/</c> (JSON, snake_case): send a signed Pub/Sub push
/// to a webhook URL, expire access tokens.
/// </summary>
internal static class GoogleAdminEndpoints
{
    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/_sim/google");
        sim.MapPost("/pubsub/push", PushAsync);
        sim.MapGet("/pubsub/jwks", ([FromServices] GoogleSimulator google) => Results.Text(google.JwksJson, "application/json"));
        sim.MapPost("/tokens/expire", ([FromServices] SimulatorState state) =>
        {
            state.Google.ExpireTokens();
            return Results.NoContent();
        });
    }

    private static async Task<IResult> PushAsync(HttpContext context, [FromServices] GoogleSimulator google)
    {
        PushRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<PushRequest>(context.Request.Body, RequestJson, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Results.Json(new { error = $"The body is not valid JSON: {ex.Message}" }, RequestJson, statusCode: StatusCodes.Status400BadRequest);
        }

        if (body?.Url is not { IsAbsoluteUri: true } url)
        {
            return Results.Json(new { error = "url (absolute) is required." }, RequestJson, statusCode: StatusCodes.Status400BadRequest);
        }

        byte[] data;
        try
        {
            data = body.DataBase64 is { } b64 ? Convert.FromBase64String(b64) : Encoding.UTF8.GetBytes(body.Data ?? string.Empty);
        }
        catch (FormatException)
        {
            return Results.Json(new { error = "data_base64 is not valid base64." }, RequestJson, statusCode: StatusCodes.Status400BadRequest);
        }

        var push = new GooglePubSubPush
        {
            Url = url,
            Data = data,
            Attributes = body.Attributes ?? [],
            MessageId = body.MessageId,
            Audience = body.Audience,
            Subscription = body.Subscription ?? new GooglePubSubPush { Url = url }.Subscription,
        };
        var delivery = await google.PushAsync(push, context.RequestAborted);
        return Results.Json(
            new { delivery.MessageId, delivery.StatusCode, delivery.Acknowledged, delivery.Error, delivery.Body },
            RequestJson);
    }

    private sealed record PushRequest(Uri? Url, string? Data, string? DataBase64, Dictionary<string, string>? Attributes, string? MessageId, string? Audience, string? Subscription);
}
