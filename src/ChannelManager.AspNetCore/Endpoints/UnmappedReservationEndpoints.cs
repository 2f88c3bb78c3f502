using System.Globalization;
using ChannelManager.AspNetCore.Contracts;
using ChannelManager.AspNetCore.Http;
using ChannelManager.AspNetCore.Tenancy;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Engine.Inbound;
using ChannelManager.Unmapped;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ChannelManager.AspNetCore.Endpoints;

/// <summary>
/// <c>GET /unmapped-reservations</c>, <c>GET /unmapped-reservations/{id}</c> and
/// <c>POST /unmapped-reservations/{id}/dismiss</c>: bookings for listings no connection maps. In the management group
/// they are scoped to the caller's tenant (records attributed to it); in the operations group they span all tenants,
/// including records nobody can be attributed to.
/// </summary>
internal static class UnmappedReservationEndpoints
{
    private static ChannelManagerJsonContext Json => ChannelManagerJsonContext.Default;

    /// <summary>Maps the tenant-scoped routes.</summary>
    public static void MapTenantScoped(RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync).WithName("ListUnmappedReservations")
            .WithSummary("List unmapped reservations")
            .WithDescription("Bookings for listings no connection maps, attributed to the caller's tenant, filtered by platform and state, paged with limit and offset or cursor.")
            .Produces<UnmappedReservationListResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{id}", GetAsync).WithName("GetUnmappedReservation")
            .WithSummary("Get an unmapped reservation")
            .WithDescription("One record of the caller's tenant; an unknown id, a malformed one and another tenant's all answer 404.")
            .Produces<UnmappedReservationResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/dismiss", DismissAsync).WithName("DismissUnmappedReservation")
            .WithSummary("Dismiss an unmapped reservation")
            .WithDescription("Closes the record without importing it; 409 when it was already imported.")
            .Produces<UnmappedReservationResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Maps the cross-tenant routes of the operations group.</summary>
    public static void MapAcrossTenants(RouteGroupBuilder group)
    {
        group.MapGet("/", ListAllAsync).WithName("ListAllUnmappedReservations")
            .WithSummary("List unmapped reservations of every tenant")
            .WithDescription("Operators only: every record, including bookings for listings nobody has connected (tenant_id null), filtered by platform and state, paged with limit and offset or cursor.")
            .Produces<UnmappedReservationListResponse>()
            .ProducesValidationProblem();
        group.MapGet("/{id}", GetAnyAsync).WithName("GetAnyUnmappedReservation")
            .WithSummary("Get any unmapped reservation")
            .WithDescription("Operators only: one record of any tenant or of none; an unknown or malformed id answers 404.")
            .Produces<UnmappedReservationResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/dismiss", DismissAnyAsync).WithName("DismissAnyUnmappedReservation")
            .WithSummary("Dismiss any unmapped reservation")
            .WithDescription("Operators only: closes a record of any tenant or of none without importing it; 409 when it was already imported.")
            .Produces<UnmappedReservationResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Results<JsonHttpResult<UnmappedReservationListResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, IUnmappedReservationStore store, ITenantResolver tenants, CancellationToken cancellationToken,
        [FromQuery(Name = "platform")] string? platform = null,
        [FromQuery(Name = "state")] string? state = null,
        [FromQuery(Name = "limit")] string? limit = null,
        [FromQuery(Name = "offset")] string? offset = null,
        [FromQuery(Name = "cursor")] string? cursor = null)
    {
        if (tenants.ResolveTenant(http) is not { } tenant)
        {
            return NoTenant();
        }

        return await ListCoreAsync(tenant, store, platform, state, limit, offset, cursor, cancellationToken);
    }

    internal static async Task<Results<JsonHttpResult<UnmappedReservationListResponse>, ValidationProblem, ProblemHttpResult>> ListAllAsync(
        IUnmappedReservationStore store, CancellationToken cancellationToken,
        [FromQuery(Name = "platform")] string? platform = null,
        [FromQuery(Name = "state")] string? state = null,
        [FromQuery(Name = "limit")] string? limit = null,
        [FromQuery(Name = "offset")] string? offset = null,
        [FromQuery(Name = "cursor")] string? cursor = null) =>
        await ListCoreAsync(null, store, platform, state, limit, offset, cursor, cancellationToken);

    internal static async Task<Results<JsonHttpResult<UnmappedReservationResponse>, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, IUnmappedReservationStore store, ITenantResolver tenants, CancellationToken cancellationToken)
    {
        if (tenants.ResolveTenant(http) is not { } tenant)
        {
            return NoTenant();
        }

        return await GetCoreAsync(tenant, id, store, cancellationToken);
    }

    internal static Task<Results<JsonHttpResult<UnmappedReservationResponse>, ProblemHttpResult>> GetAnyAsync(
        string id, IUnmappedReservationStore store, CancellationToken cancellationToken) =>
        GetCoreAsync(null, id, store, cancellationToken);

    internal static async Task<Results<JsonHttpResult<UnmappedReservationResponse>, ProblemHttpResult>> DismissAsync(
        string id, HttpContext http, UnmappedReservationService service, ITenantResolver tenants, CancellationToken cancellationToken)
    {
        if (tenants.ResolveTenant(http) is not { } tenant)
        {
            return NoTenant();
        }

        return await DismissCoreAsync(tenant, id, service, cancellationToken);
    }

    internal static Task<Results<JsonHttpResult<UnmappedReservationResponse>, ProblemHttpResult>> DismissAnyAsync(
        string id, UnmappedReservationService service, CancellationToken cancellationToken) =>
        DismissCoreAsync(null, id, service, cancellationToken);

    private static async Task<Results<JsonHttpResult<UnmappedReservationListResponse>, ValidationProblem, ProblemHttpResult>> ListCoreAsync(
        string? tenant, IUnmappedReservationStore store, string? platform, string? state, string? limit, string? offset, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var platformFilter = ApiMapping.ParseOptionalName<Platform>(platform, "platform", PlatformNames.TryParse, PlatformNames.All, errors);
        var stateFilter = ApiMapping.ParseOptionalName<UnmappedReservationState>(state, "state", UnmappedReservationNames.TryParseState, UnmappedReservationNames.States, errors);

        var page = ApiMapping.ParsePage(limit, offset, cursor, errors);
        if (errors.HasErrors)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        try
        {
            var result = await store.ListAsync(tenant, new UnmappedReservationQuery(platformFilter, stateFilter), page!, cancellationToken);
            return TypedResults.Json(
                new UnmappedReservationListResponse(result.Items.Select(ToResponse).ToList(), result.Total, page!.Limit, page.Offset, result.NextCursor),
                Json.UnmappedReservationListResponse);
        }
        catch (ChannelManagerValidationException ex)
        {
            return Problems.Validation(ex.Errors);
        }
    }

    private static async Task<Results<JsonHttpResult<UnmappedReservationResponse>, ProblemHttpResult>> GetCoreAsync(
        string? tenant, string id, IUnmappedReservationStore store, CancellationToken cancellationToken) =>
        // A record of another tenant (or of none) looks like an unknown id.
        Guid.TryParse(id, CultureInfo.InvariantCulture, out var recordId) && await store.GetAsync(tenant, recordId, cancellationToken) is { } record
            ? TypedResults.Json(ToResponse(record), Json.UnmappedReservationResponse)
            : UnknownId(id);

    private static async Task<Results<JsonHttpResult<UnmappedReservationResponse>, ProblemHttpResult>> DismissCoreAsync(
        string? tenant, string id, UnmappedReservationService service, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, CultureInfo.InvariantCulture, out var recordId) || await service.DismissAsync(tenant, recordId, cancellationToken) is not { } record)
        {
            return UnknownId(id);
        }

        return record.State == UnmappedReservationState.Imported
            ? Problems.Conflict($"The unmapped reservation {record.Id} was already imported; there is nothing to dismiss.")
            : TypedResults.Json(ToResponse(record), Json.UnmappedReservationResponse);
    }

    private static UnmappedReservationResponse ToResponse(UnmappedReservation r) => new(
        r.Id,
        r.Platform.ToWireName(),
        r.ListingId,
        r.ParentListingId,
        r.ConfirmationCode,
        r.Source.ToWireName(),
        r.FetchedViaConnectionId,
        r.TenantId,
        r.State.ToWireName(),
        r.Reservation?.Status.ToString().ToLowerInvariant(),
        r.Reservation?.Stay.Start,
        r.Reservation?.Stay.End,
        r.Reservation?.NumberOfGuests,
        r.Reservation?.TotalAmount,
        r.Reservation?.Currency,
        r.FirstSeenAt,
        r.LastSeenAt,
        r.TimesSeen,
        r.ClosedAt,
        r.ImportedConnectionId);

    private static ProblemHttpResult UnknownId(string id) =>
        Problems.NotFound($"No unmapped reservation with id '{(id.Length > 64 ? id[..64] + "…" : id)}' exists.");

    private static ProblemHttpResult NoTenant() => Problems.Forbidden("The caller is not associated with a tenant.");
}
