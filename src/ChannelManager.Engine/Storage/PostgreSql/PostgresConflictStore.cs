using ChannelManager.Common;
using ChannelManager.Conflicts;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;
using ChannelManager.Inventory;
using Npgsql;
using NpgsqlTypes;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// Overbooking conflicts in PostgreSQL: recorded once per id (<c>on conflict do nothing</c>), a tenant's conflicts
/// newest first, paged by the <c>(detected_at, id)</c> keyset (<c>ix_conflicts_keyset</c>) or by offset.
/// </summary>
internal sealed class PostgresConflictStore : IConflictStore
{
    private const string Columns =
        "id, tenant_id, property_id, booking_id, stay_start, stay_end, units, source, source_connection_id, confirmation_code, detected_at, resolved_at, resolution";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;

    public PostgresConflictStore(PostgresStoreContext context)
    {
        _dataSource = context.DataSource;
        _table = context.Table("conflicts");
    }

    public async Task<bool> AddIfAbsentAsync(OverbookingConflict conflict, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.Tenant(conflict.TenantId),
            $"""
            insert into {_table} ({Columns})
            values (@id, @tenant_id, @property_id, @booking_id, @stay_start, @stay_end, @units, @source, @source_connection_id,
                    @confirmation_code, @detected_at, @resolved_at, @resolution)
            on conflict do nothing
            """);
        command.Parameters
            .AddValue("id", conflict.Id)
            .AddValue("tenant_id", conflict.TenantId)
            .AddValue("property_id", conflict.PropertyId)
            .AddValue("booking_id", conflict.BookingId)
            .AddValue("stay_start", conflict.Stay.Start)
            .AddValue("stay_end", conflict.Stay.End)
            .AddValue("units", conflict.Units)
            .AddNullable("source", conflict.Source, NpgsqlDbType.Text)
            .AddNullable("source_connection_id", conflict.SourceConnectionId, NpgsqlDbType.Uuid)
            .AddNullable("confirmation_code", conflict.ConfirmationCode, NpgsqlDbType.Text)
            .AddValue("detected_at", PostgresParameters.Utc(conflict.DetectedAt))
            .AddNullable("resolved_at", PostgresParameters.Utc(conflict.ResolvedAt), NpgsqlDbType.TimestampTz)
            .AddNullable("resolution", conflict.Resolution, NpgsqlDbType.Text);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<OverbookingConflict?> GetAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(PostgresTenantScope.Tenant(tenantId), $"select {Columns} from {_table} where tenant_id = @tenant_id and id = @id");
        command.Parameters.AddValue("tenant_id", tenantId).AddValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<Page<OverbookingConflict>> ListAsync(string tenantId, ConflictQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        var filter = "tenant_id = @tenant_id"
            + (query.PropertyId is null ? string.Empty : " and property_id = @property_id")
            + (query.Open switch { true => " and resolved_at is null", false => " and resolved_at is not null", null => string.Empty });

        return await PostgresPaging.QueryNewestFirstAsync(_dataSource, PostgresTenantScope.Tenant(tenantId), _table, Columns, filter, AddFilter, "detected_at", page, Read, c => (c.DetectedAt, c.Id), cancellationToken).ConfigureAwait(false);

        void AddFilter(NpgsqlParameterCollection p)
        {
            p.AddValue("tenant_id", tenantId);
            if (query.PropertyId is { } property)
            {
                p.AddValue("property_id", property);
            }
        }
    }

    public async Task<OverbookingConflict?> ResolveAsync(string tenantId, Guid id, DateTimeOffset resolvedAt, string? resolution, CancellationToken cancellationToken = default)
    {
        // Resolving twice keeps the first resolution.
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.Tenant(tenantId),
            $"""
            update {_table} set resolved_at = @resolved_at, resolution = @resolution
             where tenant_id = @tenant_id and id = @id and resolved_at is null
            """);
        command.Parameters
            .AddValue("tenant_id", tenantId)
            .AddValue("id", id)
            .AddValue("resolved_at", PostgresParameters.Utc(resolvedAt))
            .AddNullable("resolution", resolution, NpgsqlDbType.Text);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(tenantId, id, cancellationToken).ConfigureAwait(false);
    }

    private static OverbookingConflict Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0),
        TenantId = r.GetString(1),
        PropertyId = r.GetGuid(2),
        BookingId = r.GetString(3),
        Stay = new DateRange(r.GetFieldValue<DateOnly>(4), r.GetFieldValue<DateOnly>(5)),
        Units = r.GetInt32(6),
        Source = r.GetNullableString(7),
        SourceConnectionId = r.IsDBNull(8) ? null : r.GetGuid(8),
        ConfirmationCode = r.GetNullableString(9),
        DetectedAt = r.GetFieldValue<DateTimeOffset>(10),
        ResolvedAt = r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11),
        Resolution = r.GetNullableString(12),
    };
}
