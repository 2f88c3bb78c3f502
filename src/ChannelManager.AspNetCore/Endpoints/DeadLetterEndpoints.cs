using System.Globalization;
using ChannelManager.AspNetCore.Contracts;
using ChannelManager.AspNetCore.Http;
using ChannelManager.AspNetCore.Tenancy;
using ChannelManager.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ChannelManager.AspNetCore.Endpoints;

/// <summary><c>GET /dead-letters</c> and <c>POST /dead-letters/{id}/replay</c>: events the bus gave up on, scoped to the caller's tenant.</summary>
internal static class DeadLetterEndpoints
{
    private const int MaxScan = 10_000;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync).WithName("ListDeadLetters")
            .WithSummary("List dead-lettered events")
            .WithDescription("The caller's tenant's events the bus gave up on after its retries, oldest first, at most limit (1-1000, default 100).")
            .Produces<DeadLetterListResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/{id}/replay", ReplayAsync).WithName("ReplayDeadLetter")
            .WithSummary("Replay a dead-lettered event")
            .WithDescription("Puts the event back on the bus (202); another tenant's dead letter and an unknown id answer 404.")
            .Produces<DeadLetterReplayResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<JsonHttpResult<DeadLetterListResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IDeadLetterQueue deadLetters, ITenantResolver tenants, CancellationToken cancellationToken,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "limit")] string? limit = null)
    {
        if (tenants.ResolveTenant(http) is not { } tenant)
        {
            return Problems.Forbidden("The caller is not associated with a tenant.");
        }

        var max = 100;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > 1000))
        {
            return Problems.Validation("limit", "The limit must be a whole number between 1 and 1000.");
        }

        var letters = await deadLetters.ListAsync(MaxScan, cancellationToken);
        var items = letters.Where(d => d.Envelope.TenantId == tenant).Take(max)
            .Select(ToResponse)
            .ToList();
        return TypedResults.Json(new DeadLetterListResponse(items), ChannelManagerJsonContext.Default.DeadLetterListResponse);
    }

    internal static DeadLetterResponse ToResponse(DeadLetter d) =>
        new(d.Id, d.Envelope.EventId, d.Envelope.Type, d.Envelope.PropertyId, d.Deliveries, d.Reason, d.DeadLetteredAt, d.Envelope.OccurredAt);

    internal static async Task<Results<JsonHttpResult<DeadLetterReplayResponse>, ProblemHttpResult>> ReplayAsync(
        string id, HttpContext http, IDeadLetterQueue deadLetters, ITenantResolver tenants, CancellationToken cancellationToken)
    {
        if (tenants.ResolveTenant(http) is not { } tenant)
        {
            return Problems.Forbidden("The caller is not associated with a tenant.");
        }

        // Only a dead letter of the caller's tenant may be replayed; another tenant's looks like an unknown id.
        var letters = await deadLetters.ListAsync(MaxScan, cancellationToken);
        if (!letters.Any(d => d.Id == id && d.Envelope.TenantId == tenant) || !await deadLetters.ReplayAsync(id, cancellationToken))
        {
            return Problems.NotFound($"No dead letter with id '{(id.Length > 64 ? id[..64] + "…" : id)}' exists.");
        }

        return TypedResults.Json(new DeadLetterReplayResponse(id, "replayed"), ChannelManagerJsonContext.Default.DeadLetterReplayResponse, statusCode: StatusCodes.Status202Accepted);
    }
}
