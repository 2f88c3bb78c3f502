using System.Text.Json;
using ChannelManager.Bookings;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;
using ChannelManager.Unmapped;
using Npgsql;
using NpgsqlTypes;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// Unmapped reservations in PostgreSQL: one row per id; a sighting updates the row under a row lock (so the
/// reopening of an imported record is seen by exactly one sighting) or inserts it (<c>on conflict do nothing</c>, then
/// the update again when another process inserted first). Lists page by the <c>(first_seen_at, id)</c> keyset.
/// </summary>
internal sealed class PostgresUnmappedReservationStore : IUnmappedReservationStore
{
    private const string Columns =
        "id, platform, listing_id, parent_listing_id, confirmation_code, dedupe_key, reservation, source, fetched_via_connection_id, tenant_id, state, first_seen_at, last_seen_at, times_seen, closed_at, imported_connection_id";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;

    public PostgresUnmappedReservationStore(PostgresStoreContext context)
    {
        _dataSource = context.DataSource;
        _table = context.Table("unmapped_reservations");
    }

    public async Task<UnmappedReservationSighting> RecordSightingAsync(UnmappedReservation sighting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sighting);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await UpdateSeenAsync(sighting, cancellationToken).ConfigureAwait(false) is { } seen)
            {
                return seen;
            }

            await using var insert = _dataSource.CreateCommand(
                PostgresTenantScope.AllTenants,
                $"""
                insert into {_table} ({Columns})
                values (@id, @platform, @listing_id, @parent_listing_id, @confirmation_code, @dedupe_key, @reservation, @source,
                        @fetched_via_connection_id, @tenant_id, 'open', @seen_at, @seen_at, 1, null, null)
                on conflict do nothing
                returning {Columns}
                """);
            insert.Parameters
                .AddValue("id", sighting.Id)
                .AddValue("platform", PostgresNames.ToText(sighting.Platform))
                .AddValue("listing_id", sighting.ListingId)
                .AddNullable("parent_listing_id", sighting.ParentListingId, NpgsqlDbType.Text)
                .AddNullable("confirmation_code", sighting.ConfirmationCode, NpgsqlDbType.Text)
                .AddValue("dedupe_key", sighting.DedupeKey)
                .AddNullable("reservation", Serialize(sighting.Reservation), NpgsqlDbType.Jsonb)
                .AddValue("source", sighting.Source.ToWireName())
                .AddNullable("fetched_via_connection_id", sighting.FetchedViaConnectionId, NpgsqlDbType.Uuid)
                .AddNullable("tenant_id", sighting.TenantId, NpgsqlDbType.Text)
                .AddValue("seen_at", PostgresParameters.Utc(sighting.LastSeenAt));
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new UnmappedReservationSighting(Read(reader), Opened: true);
            }

            // Another process inserted it between our update and insert: count this sighting on its row.
        }

        throw new InvalidOperationException($"Recording unmapped reservation {sighting.Id} kept racing; try again.");
    }

    private async Task<UnmappedReservationSighting?> UpdateSeenAsync(UnmappedReservation sighting, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"""
            with old as (select id, state from {_table} where id = @id for update)
            update {_table} t set
                   last_seen_at = greatest(t.last_seen_at, @seen_at),
                   times_seen = t.times_seen + 1,
                   reservation = coalesce(@reservation, t.reservation),
                   parent_listing_id = coalesce(t.parent_listing_id, @parent_listing_id),
                   tenant_id = coalesce(t.tenant_id, @tenant_id),
                   fetched_via_connection_id = coalesce(@fetched_via_connection_id, t.fetched_via_connection_id),
                   state = case when old.state = 'imported' then 'open' else t.state end,
                   closed_at = case when old.state = 'imported' then null else t.closed_at end,
                   imported_connection_id = case when old.state = 'imported' then null else t.imported_connection_id end
              from old
             where t.id = old.id
            returning {string.Join(", ", Columns.Split(", ").Select(c => "t." + c))}, old.state = 'imported'
            """);
        command.Parameters
            .AddValue("id", sighting.Id)
            .AddValue("seen_at", PostgresParameters.Utc(sighting.LastSeenAt))
            .AddNullable("reservation", Serialize(sighting.Reservation), NpgsqlDbType.Jsonb)
            .AddNullable("parent_listing_id", sighting.ParentListingId, NpgsqlDbType.Text)
            .AddNullable("tenant_id", sighting.TenantId, NpgsqlDbType.Text)
            .AddNullable("fetched_via_connection_id", sighting.FetchedViaConnectionId, NpgsqlDbType.Uuid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new UnmappedReservationSighting(Read(reader), reader.GetBoolean(16))
            : null;
    }

    public async Task<UnmappedReservation?> GetAsync(string? tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.TenantOrAll(tenantId),
            $"select {Columns} from {_table} where id = @id" + (tenantId is null ? string.Empty : " and tenant_id = @tenant_id"));
        command.Parameters.AddValue("id", id);
        if (tenantId is not null)
        {
            command.Parameters.AddValue("tenant_id", tenantId);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<Page<UnmappedReservation>> ListAsync(string? tenantId, UnmappedReservationQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        var filter = "true"
            + (tenantId is null ? string.Empty : " and tenant_id = @tenant_id")
            + (query.Platform is null ? string.Empty : " and platform = @platform")
            + (query.State is null ? string.Empty : " and state = @state");

        return await PostgresPaging.QueryNewestFirstAsync(_dataSource, PostgresTenantScope.TenantOrAll(tenantId), _table, Columns, filter, AddFilter, "first_seen_at", page, Read, r => (r.FirstSeenAt, r.Id), cancellationToken).ConfigureAwait(false);

        void AddFilter(NpgsqlParameterCollection p)
        {
            if (tenantId is not null)
            {
                p.AddValue("tenant_id", tenantId);
            }

            if (query.Platform is { } platform)
            {
                p.AddValue("platform", PostgresNames.ToText(platform));
            }

            if (query.State is { } state)
            {
                p.AddValue("state", state.ToWireName());
            }
        }
    }

    public async Task<IReadOnlyList<UnmappedReservation>> ListOpenForListingsAsync(Platform platform, IReadOnlyCollection<string> listingIds, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listingIds);
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"""
            select {Columns} from {_table}
             where state = 'open' and platform = @platform and listing_id = any(@listing_ids)
             order by first_seen_at, id
             limit @max
            """);
        command.Parameters
            .AddValue("platform", PostgresNames.ToText(platform))
            .AddValue("listing_ids", listingIds.ToArray())
            .AddValue("max", (long)Math.Max(0, max));
        var records = new List<UnmappedReservation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    public async Task<bool> MarkImportedAsync(Guid id, ChannelConnection connection, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"""
            update {_table} set state = 'imported', closed_at = @at, imported_connection_id = @connection_id, tenant_id = @tenant_id
             where id = @id and state = 'open'
            """);
        command.Parameters
            .AddValue("id", id)
            .AddValue("at", PostgresParameters.Utc(at))
            .AddValue("connection_id", connection.Id)
            .AddValue("tenant_id", connection.TenantId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<UnmappedReservation?> DismissAsync(string? tenantId, Guid id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var tenantFilter = tenantId is null ? string.Empty : " and tenant_id = @tenant_id";
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.TenantOrAll(tenantId),
            $"update {_table} set state = 'dismissed', closed_at = @at where id = @id and state = 'open'{tenantFilter}");
        command.Parameters.AddValue("id", id).AddValue("at", PostgresParameters.Utc(at));
        if (tenantId is not null)
        {
            command.Parameters.AddValue("tenant_id", tenantId);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(tenantId, id, cancellationToken).ConfigureAwait(false);
    }

    private static string? Serialize(PlatformReservation? reservation) =>
        reservation is null ? null : JsonSerializer.Serialize(reservation, PostgresJson.Options);

    private static UnmappedReservation Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0),
        Platform = PostgresNames.ParsePlatform(r.GetString(1)),
        ListingId = r.GetString(2),
        ParentListingId = r.GetNullableString(3),
        ConfirmationCode = r.GetNullableString(4),
        DedupeKey = r.GetString(5),
        Reservation = r.IsDBNull(6) ? null : JsonSerializer.Deserialize<PlatformReservation>(r.GetString(6), PostgresJson.Options),
        Source = UnmappedReservationNames.TryParseSource(r.GetString(7), out var source) ? source : throw new InvalidOperationException("Unknown unmapped-reservation source in the database."),
        FetchedViaConnectionId = r.GetNullable<Guid>(8),
        TenantId = r.GetNullableString(9),
        State = UnmappedReservationNames.TryParseState(r.GetString(10), out var state) ? state : throw new InvalidOperationException("Unknown unmapped-reservation state in the database."),
        FirstSeenAt = r.GetFieldValue<DateTimeOffset>(11),
        LastSeenAt = r.GetFieldValue<DateTimeOffset>(12),
        TimesSeen = r.GetInt32(13),
        ClosedAt = r.GetNullable<DateTimeOffset>(14),
        ImportedConnectionId = r.GetNullable<Guid>(15),
    };
}
