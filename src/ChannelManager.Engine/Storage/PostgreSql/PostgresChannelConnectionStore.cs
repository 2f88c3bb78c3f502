using System.Text;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;
using Npgsql;
using NpgsqlTypes;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// Channel connections in PostgreSQL. Same semantics as the in-memory store: one live connection per platform
/// listing (a partial unique index; a violation is a <see cref="ResourceConflictException"/>), optimistic concurrency
/// on <c>version</c>, tenant-scoped reads and writes, lists ordered and paged by the <c>(created_at, id)</c> keyset
/// with the same cursor format as every other list.
/// </summary>
internal sealed class PostgresChannelConnectionStore : IChannelConnectionStore
{
    private const string Columns =
        "id, tenant_id, property_id, platform, platform_listing_id, status, credentials, platform_metadata, created_at, updated_at, deleted_at, last_sync_at, last_error, version";

    private const string ListingIndex = "ux_channel_connections_live_listing";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;
    private readonly PostgresCredentialsCodec _credentials;

    public PostgresChannelConnectionStore(PostgresStoreContext context, PostgresCredentialsCodec credentials)
    {
        _credentials = credentials;
        _dataSource = context.DataSource;
        _table = context.Table("channel_connections");
    }

    public async Task AddAsync(ChannelConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.Tenant(connection.TenantId),
            $"""
            insert into {_table} ({Columns})
            values (@id, @tenant_id, @property_id, @platform, @platform_listing_id, @status, @credentials, @platform_metadata,
                    @created_at, @updated_at, @deleted_at, @last_sync_at, @last_error, @version)
            """);
        Bind(command.Parameters, connection);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.IsUniqueViolation())
        {
            throw ex.ConstraintName == ListingIndex
                ? ListingTaken(connection)
                : new ResourceConflictException($"A connection with id '{connection.Id}' already exists.");
        }
    }

    public async Task<ChannelConnection?> GetAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(PostgresTenantScope.Tenant(tenantId), $"select {Columns} from {_table} where id = @id and tenant_id = @tenant_id");
        command.Parameters.AddValue("id", id).AddValue("tenant_id", tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<bool> UpdateAsync(ChannelConnection connection, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.Tenant(connection.TenantId),
            $"""
            update {_table}
               set property_id = @property_id, platform = @platform, platform_listing_id = @platform_listing_id, status = @status,
                   credentials = @credentials, platform_metadata = @platform_metadata, created_at = @created_at,
                   updated_at = @updated_at, deleted_at = @deleted_at, last_sync_at = @last_sync_at, last_error = @last_error,
                   version = @version
             where id = @id and tenant_id = @tenant_id and version = @expected_version
            """);
        Bind(command.Parameters, connection);
        command.Parameters.AddValue("expected_version", expectedVersion);
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (PostgresException ex) when (ex.IsUniqueViolation())
        {
            throw ListingTaken(connection);
        }
    }

    public async Task<Page<ChannelConnection>> ListAsync(ChannelConnectionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = query.Page ?? new PageRequest();
        var limit = Math.Max(0, page.Limit);
        var filter = new StringBuilder("tenant_id = @tenant_id and deleted_at is null");
        var parameters = new List<NpgsqlParameter> { new NpgsqlParameter<string>("tenant_id", query.TenantId) };
        if (query.PropertyId is { } propertyId)
        {
            filter.Append(" and property_id = @property_id");
            parameters.Add(new NpgsqlParameter<Guid>("property_id", propertyId));
        }

        if (query.Platform is { } platform)
        {
            filter.Append(" and platform = @platform");
            parameters.Add(new NpgsqlParameter<string>("platform", PostgresNames.ToText(platform)));
        }

        if (query.Status is { } status)
        {
            filter.Append(" and status = @status");
            parameters.Add(new NpgsqlParameter<string>("status", PostgresNames.ToText(status)));
        }

        var pageSql = new StringBuilder($"select {Columns} from {_table} where {filter}");
        var pageParameters = parameters.Select(p => p.Clone()).ToList();
        if (page.Cursor is not null)
        {
            var (at, id) = KeysetPager.DecodeCursor(page.Cursor);
            pageSql.Append(" and (created_at, id) > (@cursor_at, @cursor_id)");
            pageParameters.Add(new NpgsqlParameter<DateTimeOffset>("cursor_at", PostgresParameters.Utc(at)));
            pageParameters.Add(new NpgsqlParameter<Guid>("cursor_id", id));
            pageSql.Append(" order by created_at, id limit @limit");
        }
        else
        {
            pageSql.Append(" order by created_at, id limit @limit offset @offset");
            pageParameters.Add(new NpgsqlParameter<long>("offset", Math.Max(0, page.Offset)));
        }

        // One row more than asked tells whether there is a next page.
        pageParameters.Add(new NpgsqlParameter<long>("limit", limit + 1L));

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = connection.CreateScopedBatch(PostgresTenantScope.Tenant(query.TenantId));
        var count = new NpgsqlBatchCommand($"select count(*) from {_table} where {filter}");
        count.Parameters.AddRange(parameters.ToArray());
        var rows = new NpgsqlBatchCommand(pageSql.ToString());
        rows.Parameters.AddRange(pageParameters.ToArray());
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(rows);

        await using var reader = await batch.ExecuteScopedReaderAsync(cancellationToken).ConfigureAwait(false);
        return await PostgresPaging.ReadPageAsync(reader, limit, Read, c => (c.CreatedAt, c.Id), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ChannelConnection>> GetSyncableForPropertyAsync(string tenantId, Guid propertyId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.Tenant(tenantId),
            $"""
            select {Columns} from {_table}
             where tenant_id = @tenant_id and property_id = @property_id and deleted_at is null and status <> 'paused'
             order by created_at, id
            """);
        command.Parameters.AddValue("tenant_id", tenantId).AddValue("property_id", propertyId);
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ChannelConnection>> ListSyncableAsync(Guid? afterId, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"""
            select {Columns} from {_table}
             where deleted_at is null and status <> 'paused' and id > @after
             order by id
             limit @limit
            """);
        command.Parameters.AddValue("after", afterId ?? Guid.Empty).AddValue("limit", (long)Math.Max(0, limit));
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ChannelConnection?> FindByListingAsync(Platform platform, string platformListingId, CancellationToken cancellationToken = default)
    {
        // Not tenant-scoped: a webhook names only the platform listing. Syncable connections first, then the oldest.
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"""
            select {Columns} from {_table}
             where platform = @platform and platform_listing_id = @platform_listing_id and deleted_at is null
             order by (status <> 'paused') desc, created_at, id
             limit 1
            """);
        command.Parameters.AddValue("platform", PostgresNames.ToText(platform)).AddValue("platform_listing_id", platformListingId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<ChannelConnection?> FindBySubListingOfAsync(Platform platform, string parentListingId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parentListingId);

        // Not tenant-scoped (a webhook names only the parent listing); starts_with, so no LIKE wildcard in the id counts.
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"""
            select {Columns} from {_table}
             where platform = @platform and starts_with(platform_listing_id, @prefix) and deleted_at is null
             order by (status <> 'paused') desc, created_at, id
             limit 1
            """);
        command.Parameters.AddValue("platform", PostgresNames.ToText(platform)).AddValue("prefix", parentListingId + ":");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static ResourceConflictException ListingTaken(ChannelConnection connection) =>
        new($"The {connection.Platform.ToWireName()} listing '{connection.PlatformListingId}' is already connected.");

    private void Bind(NpgsqlParameterCollection p, ChannelConnection c)
    {
        p.AddValue("id", c.Id)
            .AddValue("tenant_id", c.TenantId)
            .AddValue("property_id", c.PropertyId)
            .AddValue("platform", PostgresNames.ToText(c.Platform))
            .AddValue("platform_listing_id", c.PlatformListingId)
            .AddValue("status", PostgresNames.ToText(c.Status))
            .AddJsonb("credentials", _credentials.Protect(c.TenantId, c.Id, c.Credentials))
            .AddJsonb("platform_metadata", PostgresJson.SerializeMetadata(c.PlatformMetadata))
            .AddValue("created_at", PostgresParameters.Utc(c.CreatedAt))
            .AddValue("updated_at", PostgresParameters.Utc(c.UpdatedAt))
            .AddNullable("deleted_at", PostgresParameters.Utc(c.DeletedAt), NpgsqlDbType.TimestampTz)
            .AddNullable("last_sync_at", PostgresParameters.Utc(c.LastSyncAt), NpgsqlDbType.TimestampTz)
            .AddNullable("last_error", c.LastError, NpgsqlDbType.Text)
            .AddValue("version", c.Version);
    }

    private ChannelConnection Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0),
        TenantId = r.GetString(1),
        PropertyId = r.GetGuid(2),
        Platform = PostgresNames.ParsePlatform(r.GetString(3)),
        PlatformListingId = r.GetString(4),
        Status = PostgresNames.ParseStatus(r.GetString(5)),
        Credentials = _credentials.Unprotect(r.GetString(1), r.GetGuid(0), r.GetString(6)),
        PlatformMetadata = PostgresJson.DeserializeMetadata(r.GetString(7)),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(8),
        UpdatedAt = r.GetFieldValue<DateTimeOffset>(9),
        DeletedAt = r.GetNullable<DateTimeOffset>(10),
        LastSyncAt = r.GetNullable<DateTimeOffset>(11),
        LastError = r.GetNullableString(12),
        Version = r.GetInt64(13),
    };

    private async Task<IReadOnlyList<ChannelConnection>> ReadAllAsync(PostgresScopedCommand command, CancellationToken cancellationToken)
    {
        var list = new List<ChannelConnection>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }

        return list;
    }
}
