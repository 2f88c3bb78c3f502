using System.Globalization;
using ChannelManager.AspNetCore.Contracts;
using ChannelManager.AspNetCore.Http;
using ChannelManager.AspNetCore.Tenancy;
using ChannelManager.Common;
using ChannelManager.Conflicts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ChannelManager.AspNetCore.Endpoints;

/// <summary>
/// <c>GET /conflicts</c>, <c>GET /conflicts/{id}</c> and <c>POST /conflicts/{id}/resolve</c>: overbooking conflicts
/// (bookings imported onto nights with no unit left), scoped to the caller's tenant.
/// </summary>
internal static class ConflictEndpoints
{
    private const int MaxResolutionLength = 2000;

    private static ChannelManagerJsonContext Json => ChannelManagerJsonContext.Default;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync).WithName("ListConflicts")
            .WithSummary("List overbooking conflicts")
            .WithDescription("Bookings imported onto nights with no unit left, newest first, filtered by property_id and status (open, resolved), paged with limit and offset or cursor.")
            .Produces<ConflictListResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{id}", GetAsync).WithName("GetConflict")
            .WithSummary("Get an overbooking conflict")
            .WithDescription("One conflict of the caller's tenant; an unknown id, a malformed one and another tenant's all answer 404.")
            .Produces<ConflictResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/resolve", ResolveAsync).WithName("ResolveConflict")
            .WithSummary("Resolve an overbooking conflict")
            .WithDescription("Marks the conflict resolved, with an optional note of what was done (at most " + MaxResolutionLength + " characters); the body may be omitted. Resolving twice keeps the first resolution.")
            .DescribesRequestBody<ResolveConflictRequest>(required: false)
            .Produces<ConflictResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<JsonHttpResult<ConflictListResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IConflictStore conflicts, ITenantResolver tenants, CancellationToken cancellationToken,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "property_id")] string? propertyId = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "status")] string? status = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "limit")] string? limit = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "offset")] string? offset = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "cursor")] string? cursor = null)
    {
        if (tenants.ResolveTenant(http) is not { } tenant)
        {
            return NoTenant();
        }

        var errors = new ValidationErrors();
        var property = ApiMapping.ParseOptionalGuid(propertyId, "property_id", errors);

        bool? open = status switch
        {
            null => null,
            "open" => true,
            "resolved" => false,
            _ => Invalid(errors),
        };
        var page = ApiMapping.ParsePage(limit, offset, cursor, errors);
        if (errors.HasErrors)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        try
        {
            var result = await conflicts.ListAsync(tenant, new ConflictQuery(property, open), page!, cancellationToken);
            return TypedResults.Json(
                new ConflictListResponse(result.Items.Select(ToResponse).ToList(), result.Total, page!.Limit, page.Offset, result.NextCursor),
                Json.ConflictListResponse);
        }
        catch (ChannelManagerValidationException ex)
        {
            return Problems.Validation(ex.Errors);
        }

        static bool? Invalid(ValidationErrors errors)
        {
            errors.Add("status", "The status must be one of open, resolved.");
            return null;
        }
    }

    internal static async Task<Results<JsonHttpResult<ConflictResponse>, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, IConflictStore conflicts, ITenantResolver tenants, CancellationToken cancellationToken)
    {
        if (tenants.ResolveTenant(http) is not { } tenant)
        {
            return NoTenant();
        }

        // Another tenant's conflict looks like an unknown id.
        return Guid.TryParse(id, CultureInfo.InvariantCulture, out var conflictId) && await conflicts.GetAsync(tenant, conflictId, cancellationToken) is { } conflict
            ? TypedResults.Json(ToResponse(conflict), Json.ConflictResponse)
            : UnknownId(id);
    }

    internal static async Task<Results<JsonHttpResult<ConflictResponse>, ValidationProblem, ProblemHttpResult>> ResolveAsync(
        string id, HttpContext http, IConflictStore conflicts, ITenantResolver tenants, TimeProvider time, CancellationToken cancellationToken)
    {
        if (tenants.ResolveTenant(http) is not { } tenant)
        {
            return NoTenant();
        }

        if (!Guid.TryParse(id, CultureInfo.InvariantCulture, out var conflictId))
        {
            return UnknownId(id);
        }

        string? resolution = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var (body, bodyErrors) = await RequestBody.ReadAsync(http.Request, Json.ResolveConflictRequest, cancellationToken);
            if (body is null)
            {
                return Problems.Validation(bodyErrors!);
            }

            if (body.Resolution is { Length: > MaxResolutionLength })
            {
                return Problems.Validation("resolution", $"The resolution must be at most {MaxResolutionLength} characters.");
            }

            resolution = string.IsNullOrWhiteSpace(body.Resolution) ? null : body.Resolution.Trim();
        }

        return await conflicts.ResolveAsync(tenant, conflictId, time.GetUtcNow(), resolution, cancellationToken) is { } resolved
            ? TypedResults.Json(ToResponse(resolved), Json.ConflictResponse)
            : UnknownId(id);
    }

    internal static ConflictResponse ToResponse(OverbookingConflict c) => new(
        c.Id,
        c.PropertyId,
        c.BookingId,
        c.Stay.Start,
        c.Stay.End,
        c.Units,
        c.Source,
        c.SourceConnectionId,
        c.ConfirmationCode,
        c.IsOpen ? "open" : "resolved",
        c.DetectedAt,
        c.ResolvedAt,
        c.Resolution);

    private static ProblemHttpResult UnknownId(string id) =>
        Problems.NotFound($"No conflict with id '{(id.Length > 64 ? id[..64] + "…" : id)}' exists.");

    private static ProblemHttpResult NoTenant() => Problems.Forbidden("The caller is not associated with a tenant.");
}
