using System.Text;
using System.Text.Json;
using ChannelManager.Simulator.State;
using Microsoft.AspNetCore.Mvc;

namespace ChannelManager.Simulator.Airbnb;

/// <summary>
/// Airbnb's token endpoint (platforms.md §2 Auth): <c>POST /v2/oauth2/authorizations?_unwrapped=true</c>, HTTP Basic
/// <c>client_id:client_secret</c>, JSON <c>{"refresh_token"}</c> → <c>{access_token, refresh_token, expires_at, user_id}</c>
/// (<c>expires_at</c> in Unix seconds, ASSUMED). Only refresh tokens the simulator issued and nobody revoked are
/// exchanged (400 <c>invalid_grant</c> otherwise); the access token issued before stops working;
/// <c>reset_refresh_token=1</c> (query or body) or <see cref="AirbnbSimulatorOptions.RotateRefreshTokens"/> rotates the
/// refresh token. Also the control API under <c>/_sim/airbnb/tokens</c>.
/// </summary>
internal static class AirbnbOAuthEndpoints
{
    public const string Path = "/v2/oauth2/authorizations";

    public static void Map(RouteGroupBuilder airbnb) => airbnb.MapPost(Path, RefreshAsync);

    /// <summary>
    /// <c>POST /_sim/airbnb/tokens</c> (optional <c>{"lifetime_seconds"}</c>) issues a grant; <c>POST
    /// /_sim/airbnb/tokens/expire</c> <c>{"token"}</c> expires an access token; <c>GET /_sim/airbnb/tokens</c> counts
    /// refreshes. Revoke a refresh or access token with <c>POST /_sim/tokens/revoke</c>.
    /// </summary>
    public static void MapAdmin(RouteGroupBuilder sim)
    {
        sim.MapPost("/airbnb/tokens", IssueAsync);
        sim.MapPost("/airbnb/tokens/expire", ExpireAsync);
        sim.MapGet("/airbnb/tokens", ([FromServices] SimulatorState state) => Results.Json(new { refreshes = state.Airbnb.TokenRefreshes }, SimulatorJson.Options));
    }

    private static async Task<IResult> RefreshAsync(HttpContext context, [FromServices] SimulatorState state, [FromServices] AirbnbSimulator airbnb)
    {
        var options = airbnb.Options;
        if (!TryReadBasic(context.Request.Headers.Authorization.ToString(), out var clientId, out var clientSecret) ||
            (options.ClientId is not null && clientId != options.ClientId) ||
            (options.ClientSecret is not null && clientSecret != options.ClientSecret))
        {
            return AirbnbErrors.Result(StatusCodes.Status401Unauthorized, "Client authentication failed (HTTP Basic client_id:client_secret).", [new AirbnbErrorDetail("Unknown client id or wrong secret.", "invalid_client")]);
        }

        string? refreshToken = null;
        var rotate = options.RotateRefreshTokens || IsSet(context.Request.Query["reset_refresh_token"].ToString());
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                refreshToken = root.TryGetProperty("refresh_token", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
                if (root.TryGetProperty("reset_refresh_token", out var reset))
                {
                    rotate |= reset.ValueKind == JsonValueKind.True || (reset.ValueKind == JsonValueKind.Number && reset.GetRawText() == "1") ||
                        (reset.ValueKind == JsonValueKind.String && IsSet(reset.GetString()));
                }

                if (refreshToken is null && root.TryGetProperty("code", out _))
                {
                    return AirbnbErrors.Invalid("The simulator exchanges refresh tokens only; issue a grant with POST /_sim/airbnb/tokens.", "unsupported_grant_type");
                }
            }
        }
        catch (JsonException ex)
        {
            return AirbnbErrors.Invalid($"The body is not valid JSON: {ex.Message}", "invalid_json");
        }

        if (string.IsNullOrEmpty(refreshToken))
        {
            return AirbnbErrors.Invalid("refresh_token is required.", "missing_refresh_token");
        }

        if (state.Airbnb.Refresh(refreshToken, options.AccessTokenLifetime, rotate) is not { } grant)
        {
            return AirbnbErrors.Invalid("The refresh token is invalid or has been revoked.", "invalid_grant");
        }

        return Results.Json(Wire(grant), SimulatorJson.Options);
    }

    private static async Task<IResult> IssueAsync(HttpContext context, [FromServices] AirbnbSimulator airbnb)
    {
        TimeSpan? lifetime = null;
        if (context.Request.ContentLength is > 0)
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("lifetime_seconds", out var seconds) && seconds.TryGetDouble(out var value))
                {
                    lifetime = TimeSpan.FromSeconds(value);
                }
            }
            catch (JsonException ex)
            {
                return Results.Json(new { error = $"The body is not valid JSON: {ex.Message}" }, SimulatorJson.Options, statusCode: StatusCodes.Status400BadRequest);
            }
        }

        return Results.Json(Wire(airbnb.IssueTokens(lifetime)), SimulatorJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ExpireAsync(HttpContext context, [FromServices] SimulatorState state)
    {
        string? token = null;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("token", out var value) && value.ValueKind == JsonValueKind.String)
            {
                token = value.GetString();
            }
        }
        catch (JsonException)
        {
            // Reported below.
        }

        if (string.IsNullOrEmpty(token))
        {
            return Results.Json(new { error = "A JSON body {\"token\"} is required." }, SimulatorJson.Options, statusCode: StatusCodes.Status400BadRequest);
        }

        state.Airbnb.ExpireAccessToken(token);
        return Results.NoContent();
    }

    private static object Wire(AirbnbTokenGrant grant) => new
    {
        access_token = grant.AccessToken,
        refresh_token = grant.RefreshToken,
        expires_at = grant.ExpiresAt.ToUnixTimeSeconds(),
        user_id = grant.UserId,
    };

    private static bool IsSet(string? value) => value is "1" or "true" or "True";

    private static bool TryReadBasic(string header, out string clientId, out string clientSecret)
    {
        clientId = clientSecret = string.Empty;
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == decoded.Length - 1)
        {
            return false;
        }

        clientId = decoded[..colon];
        clientSecret = decoded[(colon + 1)..];
        return true;
    }
}
