using System.Globalization;
using ChannelManager.AspNetCore.Contracts;
using ChannelManager.AspNetCore.Http;
using ChannelManager.AspNetCore.Tenancy;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ChannelManager.AspNetCore.Endpoints;

/// <summary>The eight <c>/channel-connections</c> routes.</summary>
internal static class ChannelConnectionEndpoints
{
    private static readonly ChannelManagerJsonContext Json = ChannelManagerJsonContext.Default;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/", CreateAsync).WithName("CreateChannelConnection")
            .WithSummary("Create a channel connection")
            .WithDescription("Connects one listing of a platform to a property of the caller's tenant and queues its initial push. "
                + "Tokens are stored, never returned (the answer says only whether one is present). platform_metadata holds the "
                + "platform's settings (e.g. Booking.com's rate_plan_id, Vrbo's advertiser_id, iCal's ical_url); values are strings, numbers or booleans. "
                + "The Location header names the new connection. 409 when the listing is already connected.")
            .DescribesRequestBody<CreateConnectionRequest>()
            .Produces<ConnectionResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListAsync).WithName("ListChannelConnections")
            .WithSummary("List channel connections")
            .WithDescription("The caller's tenant's connections, newest first, filtered by property_id, platform_type and status; "
                + "paged with limit (1-" + PageRequest.MaxLimit + ", default " + PageRequest.DefaultLimit + ") and offset, or with the next_cursor of the previous page.")
            .Produces<ConnectionListResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{id}", GetAsync).WithName("GetChannelConnection")
            .WithSummary("Get a channel connection")
            .WithDescription("One connection of the caller's tenant; an unknown id, a malformed one and another tenant's all answer 404.")
            .Produces<ConnectionResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", UpdateAsync).WithName("UpdateChannelConnection")
            .WithSummary("Update a channel connection")
            .WithDescription("Changes only the fields present: the listing id, the tokens (rotation), the metadata or the status "
                + "(active, paused, error). 409 when the new listing id is already connected.")
            .DescribesRequestBody<UpdateConnectionRequest>()
            .Produces<ConnectionResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteChannelConnection")
            .WithSummary("Delete a channel connection")
            .WithDescription("Soft-deletes the connection: it stops syncing, its sync logs stay readable by the operator. 409 when it was changed concurrently too often (try again).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/test", TestAsync).WithName("TestChannelConnection")
            .WithSummary("Test a channel connection's health")
            .WithDescription("Checks that the token is valid and makes one cheap call to the platform; an unhealthy connection is a 200 with healthy: false and the reason.")
            .Produces<ConnectionTestResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/sync", SyncAsync).WithName("SyncChannelConnection")
            .WithSummary("Trigger a manual sync")
            .WithDescription("Queues a sync of the given type (full, availability, pricing, bookings) and answers 202 with the job; "
                + "its progress shows in the sync logs. 409 when the connection is paused.")
            .DescribesRequestBody<SyncRequest>()
            .Produces<SyncResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/sync-logs", SyncLogsAsync).WithName("GetChannelConnectionSyncLogs")
            .WithSummary("List a connection's sync logs")
            .WithDescription("Every platform operation of the connection (pushes, pulls, tests), newest first, paged like the list of connections.")
            .Produces<SyncLogListResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<Results<JsonHttpResult<ConnectionResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, ChannelConnectionService service, ITenantResolver tenants, CancellationToken cancellationToken)
    {
        if (tenants.ResolveTenant(http) is not { } tenant)
        {
            return NoTenant();
        }

        var (body, bodyErrors) = await RequestBody.ReadAsync(http.Request, Json.CreateConnectionRequest, cancellationToken);
        if (body is null)
        {
            return Problems.Validation(bodyErrors!);
        }

        var errors = new ValidationErrors();
        var propertyId = Guid.Empty;
        var propertyIdMalformed = body.PropertyId is not null && (!Guid.TryParse(body.PropertyId, out propertyId) || propertyId == Guid.Empty);
        var metadata = ApiMapping.ToMetadata(body.PlatformMetadata, errors);
        var input = new NewChannelConnection
        {
            PropertyId = propertyId,
            PlatformType = body.PlatformType,
            PlatformListingId = body.PlatformListingId,
            AccessToken = body.AccessToken,
            RefreshToken = body.RefreshToken,
            TokenExpiresAt = body.TokenExpiresAt,
            PlatformMetadata = metadata,
            Status = body.Status,
        };
        foreach (var (field, messages) in service.ValidateNew(input).ToDictionary())
        {
            foreach (var m in messages)
            {
                errors.Add(field, field == "property_id" && propertyIdMalformed ? "The property id must be a non-empty GUID." : m);
            }
        }

        if (errors.HasErrors)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        try
        {
            var created = await service.CreateAsync(tenant, input, cancellationToken);
            http.Response.Headers.Location = $"{http.Request.PathBase}{http.Request.Path.Value?.TrimEnd('/')}/{created.Id}";
            return TypedResults.Json(created.ToResponse(), Json.ConnectionResponse, statusCode: StatusCodes.Status201Created);
        }
        catch (ChannelManagerValidationException ex)
        {
            return Problems.Validation(ex.Errors);
        }
        catch (ResourceConflictException ex)
        {
            return Problems.Conflict(ex.Message);
        }
    }

    internal static async Task<Results<JsonHttpResult<ConnectionListResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext http, ChannelConnectionService service, ITenantResolver tenants, CancellationToken cancellationToken,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "property_id")] string? propertyId = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "platform_type")] string? platformType = null,
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

        var platform = ApiMapping.ParseOptionalName<Platform>(platformType, "platform_type", PlatformNames.TryParse, PlatformNames.All, errors);
        var statusFilter = ApiMapping.ParseOptionalName<ConnectionStatus>(status, "status", ConnectionStatusNames.TryParse, ConnectionStatusNames.All, errors);

        var page = ApiMapping.ParsePage(limit, offset, cursor, errors);
        if (errors.HasErrors)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        try
        {
            var result = await service.ListAsync(new ChannelConnectionQuery(tenant, property, platform, statusFilter, page), cancellationToken);
            return TypedResults.Json(
                new ConnectionListResponse(result.Items.Select(c => c.ToResponse()).ToList(), result.Total, page!.Limit, page.Offset, result.NextCursor),
                Json.ConnectionListResponse);
        }
        catch (ChannelManagerValidationException ex)
        {
            return Problems.Validation(ex.Errors);
        }
    }

    internal static async Task<Results<JsonHttpResult<ConnectionResponse>, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, ChannelConnectionService service, ITenantResolver tenants, CancellationToken cancellationToken)
    {
        if (Scope(http, tenants, id, out var tenant, out var connectionId) is { } refused)
        {
            return refused;
        }

        try
        {
            var c = await service.GetAsync(tenant, connectionId, cancellationToken);
            return TypedResults.Json(c.ToResponse(), Json.ConnectionResponse);
        }
        catch (ResourceNotFoundException ex)
        {
            return Problems.NotFound(ex.Message);
        }
    }

    internal static async Task<Results<JsonHttpResult<ConnectionResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, HttpContext http, ChannelConnectionService service, ITenantResolver tenants, CancellationToken cancellationToken)
    {
        if (Scope(http, tenants, id, out var tenant, out var connectionId) is { } refused)
        {
            return refused;
        }

        var (body, bodyErrors) = await RequestBody.ReadAsync(http.Request, Json.UpdateConnectionRequest, cancellationToken);
        if (body is null)
        {
            return Problems.Validation(bodyErrors!);
        }

        var errors = new ValidationErrors();
        var metadata = ApiMapping.ToMetadata(body.PlatformMetadata, errors);
        if (errors.HasErrors)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        try
        {
            var updated = await service.UpdateAsync(
                tenant,
                connectionId,
                new ChannelConnectionUpdate
                {
                    PlatformListingId = body.PlatformListingId,
                    AccessToken = body.AccessToken,
                    RefreshToken = body.RefreshToken,
                    TokenExpiresAt = body.TokenExpiresAt,
                    PlatformMetadata = metadata,
                    Status = body.Status,
                },
                cancellationToken);
            return TypedResults.Json(updated.ToResponse(), Json.ConnectionResponse);
        }
        catch (ChannelManagerValidationException ex)
        {
            return Problems.Validation(ex.Errors);
        }
        catch (ResourceNotFoundException ex)
        {
            return Problems.NotFound(ex.Message);
        }
        catch (ResourceConflictException ex)
        {
            return Problems.Conflict(ex.Message);
        }
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, HttpContext http, ChannelConnectionService service, ITenantResolver tenants, CancellationToken cancellationToken)
    {
        if (Scope(http, tenants, id, out var tenant, out var connectionId) is { } refused)
        {
            return refused;
        }

        try
        {
            await service.DeleteAsync(tenant, connectionId, cancellationToken);
            return TypedResults.NoContent();
        }
        catch (ResourceNotFoundException ex)
        {
            return Problems.NotFound(ex.Message);
        }
        catch (ResourceConflictException ex)
        {
            return Problems.Conflict(ex.Message);
        }
    }

    internal static async Task<Results<JsonHttpResult<ConnectionTestResponse>, ProblemHttpResult>> TestAsync(
        string id, HttpContext http, ChannelConnectionService service, ITenantResolver tenants, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Scope(http, tenants, id, out var tenant, out var connectionId) is { } refused)
        {
            return refused;
        }

        try
        {
            var r = await service.TestAsync(tenant, connectionId, cancellationToken);
            return TypedResults.Json(new ConnectionTestResponse(connectionId, r.Healthy, r.Message, Math.Round(r.LatencyMs, 3), time.GetUtcNow()), Json.ConnectionTestResponse);
        }
        catch (ResourceNotFoundException ex)
        {
            return Problems.NotFound(ex.Message);
        }
    }

    internal static async Task<Results<JsonHttpResult<SyncResponse>, ValidationProblem, ProblemHttpResult>> SyncAsync(
        string id, HttpContext http, ChannelConnectionService service, ITenantResolver tenants, CancellationToken cancellationToken)
    {
        if (Scope(http, tenants, id, out var tenant, out var connectionId) is { } refused)
        {
            return refused;
        }

        var (body, bodyErrors) = await RequestBody.ReadAsync(http.Request, Json.SyncRequest, cancellationToken);
        if (body is null)
        {
            return Problems.Validation(bodyErrors!);
        }

        if (!SyncTypeNames.TryParse(body.SyncType, out var syncType))
        {
            return Problems.Validation("sync_type", "The sync type must be one of " + string.Join(", ", SyncTypeNames.All) + ".");
        }

        try
        {
            var r = await service.TriggerSyncAsync(tenant, connectionId, syncType, cancellationToken);
            return TypedResults.Json(new SyncResponse(r.ConnectionId, r.SyncType.ToWireName(), r.JobId, r.Status, r.Range?.Start, r.Range?.End), Json.SyncResponse, statusCode: StatusCodes.Status202Accepted);
        }
        catch (ResourceNotFoundException ex)
        {
            return Problems.NotFound(ex.Message);
        }
        catch (ResourceConflictException ex)
        {
            return Problems.Conflict(ex.Message);
        }
    }

    internal static async Task<Results<JsonHttpResult<SyncLogListResponse>, ValidationProblem, ProblemHttpResult>> SyncLogsAsync(
        string id, HttpContext http, ChannelConnectionService service, ITenantResolver tenants, CancellationToken cancellationToken,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "limit")] string? limit = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "offset")] string? offset = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "cursor")] string? cursor = null)
    {
        if (Scope(http, tenants, id, out var tenant, out var connectionId) is { } refused)
        {
            return refused;
        }

        var errors = new ValidationErrors();
        var page = ApiMapping.ParsePage(limit, offset, cursor, errors);
        if (errors.HasErrors)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        try
        {
            var logs = await service.GetSyncLogsAsync(tenant, connectionId, page!, cancellationToken);
            return TypedResults.Json(new SyncLogListResponse(logs.Items.Select(e => e.ToResponse()).ToList(), logs.Total, page!.Limit, page.Offset, logs.NextCursor), Json.SyncLogListResponse);
        }
        catch (ChannelManagerValidationException ex)
        {
            return Problems.Validation(ex.Errors);
        }
        catch (ResourceNotFoundException ex)
        {
            return Problems.NotFound(ex.Message);
        }
    }

    /// <summary>The tenant and connection id of a request on one connection, or the problem that refuses it.</summary>
    private static ProblemHttpResult? Scope(HttpContext http, ITenantResolver tenants, string id, out string tenant, out Guid connectionId)
    {
        connectionId = Guid.Empty;
        if (tenants.ResolveTenant(http) is not { } t)
        {
            tenant = string.Empty;
            return NoTenant();
        }

        tenant = t;
        return TryParseId(id, out connectionId) ? null : UnknownId(id);
    }

    private static bool TryParseId(string id, out Guid value) => Guid.TryParse(id, CultureInfo.InvariantCulture, out value);

    private static ProblemHttpResult UnknownId(string id) =>
        Problems.NotFound($"No channel connection with id '{(id.Length > 64 ? id[..64] + "…" : id)}' exists.");

    private static ProblemHttpResult NoTenant() => Problems.Forbidden("The caller is not associated with a tenant.");
}
