using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;
using ChannelManager.Inventory;
using Npgsql;
using NpgsqlTypes;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// The inventory ledger in PostgreSQL, with the in-memory ledger's rules: bookings are versioned by tenant + booking
/// id (a version not newer than the stored one changes nothing; version 0 always applies), a duplicate with identical
/// state changes no night, a modification releases the old nights and takes the new ones in one transaction, and a
/// booking that takes a night without a free unit is kept and flagged overbooked.
/// <para>
/// Correct across processes: applying a booking holds, for the whole transaction, an advisory lock on the booking and
/// then on each property whose nights it changes (in ascending key order, so two transactions never wait for each
/// other in a cycle). Rate and availability changes take the same property lock. So two processes applying bookings
/// to the same nights are serialised: the second sees the first's units, and never both see a free unit.
/// </para>
/// </summary>
internal sealed class PostgresInventoryLedger : IInventoryLedger
{
    private const string BookingColumns =
        "tenant_id, booking_id, property_id, stay_start, stay_end, units, status, source, source_connection_id, confirmation_code, platform, version, updated_at, overbooked";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string _bookings;
    private readonly string _nights;

    public PostgresInventoryLedger(PostgresStoreContext context)
    {
        _dataSource = context.DataSource;
        _schema = context.Schema;
        _bookings = context.Table("ledger_bookings");
        _nights = context.Table("ledger_nights");
    }

    public async Task<BookingApplyResult> ApplyBookingAsync(Booking booking, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(booking);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // 1. Serialise every change of this booking, then read its stored state.
        Booking? existing;
        await using (var batch = connection.CreateScopedBatch(PostgresTenantScope.Tenant(booking.TenantId), transaction))
        {
            var lockBooking = new NpgsqlBatchCommand("select pg_advisory_xact_lock(@class, @key)");
            lockBooking.Parameters.AddValue("class", PostgresAdvisoryLocks.Booking).AddValue("key", PostgresAdvisoryLocks.Key(_schema, booking.TenantId, booking.BookingId));
            var read = new NpgsqlBatchCommand($"select {BookingColumns} from {_bookings} where tenant_id = @tenant_id and booking_id = @booking_id");
            read.Parameters.AddValue("tenant_id", booking.TenantId).AddValue("booking_id", booking.BookingId);
            batch.BatchCommands.Add(lockBooking);
            batch.BatchCommands.Add(read);
            await using var reader = await batch.ExecuteScopedReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false); // past the lock's result
            existing = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadBooking(reader) : null;
        }

        // 2. A stale or duplicate version changes nothing.
        if (existing is not null && booking.Version > 0 && existing.Version >= booking.Version)
        {
            return BookingApplyResult.Unchanged;
        }

        // 3. A newer (or unversioned) update with the same status, nights, units and property refreshes the stored
        //    booking but no night: a duplicate with identical state changes nothing.
        if (existing is not null && existing.Status == booking.Status && existing.Stay == booking.Stay
            && existing.Units == booking.Units && existing.PropertyId == booking.PropertyId)
        {
            await using (var refresh = new NpgsqlBatch(connection, transaction) { BatchCommands = { UpsertBooking(booking, existing.Overbooked) } })
            {
                await refresh.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return BookingApplyResult.Unchanged;
        }

        // 4. Lock the properties whose nights change, release the old stay, check and take the new one.
        var releases = existing is { Status: BookingStatus.Confirmed };
        var takes = booking.Status == BookingStatus.Confirmed;
        var propertyKeys = new SortedSet<int>();
        if (releases)
        {
            propertyKeys.Add(PropertyKey(existing!.TenantId, existing.PropertyId));
        }

        if (takes)
        {
            propertyKeys.Add(PropertyKey(booking.TenantId, booking.PropertyId));
        }

        var affected = new List<DateRange>();
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            foreach (var key in propertyKeys)
            {
                var lockProperty = new NpgsqlBatchCommand("select pg_advisory_xact_lock(@class, @key)");
                lockProperty.Parameters.AddValue("class", PostgresAdvisoryLocks.Property).AddValue("key", key);
                batch.BatchCommands.Add(lockProperty);
            }

            if (releases)
            {
                batch.BatchCommands.Add(AddBooked(existing!.TenantId, existing.PropertyId, existing.Stay, -existing.Units));
                affected.Add(existing.Stay);
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // 5. Under the property lock, free units are what committed bookings left: check, then take.
        var overbooked = takes && await IsOverbookedAsync(connection, transaction, booking, cancellationToken).ConfigureAwait(false);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            if (takes)
            {
                batch.BatchCommands.Add(AddBooked(booking.TenantId, booking.PropertyId, booking.Stay, booking.Units));
                affected.Add(booking.Stay);
            }

            batch.BatchCommands.Add(UpsertBooking(booking, overbooked));
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new BookingApplyResult(affected.Count > 0, Merge(affected), overbooked);
    }

    public async Task<Booking?> GetBookingAsync(string tenantId, string bookingId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(PostgresTenantScope.Tenant(tenantId), $"select {BookingColumns} from {_bookings} where tenant_id = @tenant_id and booking_id = @booking_id");
        command.Parameters.AddValue("tenant_id", tenantId).AddValue("booking_id", bookingId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadBooking(reader) : null;
    }

    public async Task<IReadOnlyList<DateRange>> SetRateAsync(string tenantId, Guid propertyId, DateRange range, RateChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);

        // A night takes the rate unless it holds a newer one; only nights whose rate or currency changed come back.
        var upsert = new NpgsqlBatchCommand(
            $"""
            with input as (
                select @start + i as night from generate_series(0, @nights - 1) as i
                 where @weekdays::integer[] is null or extract(isodow from @start + i)::integer = any(@weekdays::integer[])),
            before as (
                select n.night, n.rate, n.currency from {_nights} n join input using (night)
                 where n.tenant_id = @tenant_id and n.property_id = @property_id),
            written as (
                insert into {_nights} (tenant_id, property_id, night, rate, currency, rate_version)
                select @tenant_id, @property_id, night, @rate, @currency, @version from input
                on conflict (tenant_id, property_id, night) do update
                   set rate = excluded.rate, currency = excluded.currency, rate_version = excluded.rate_version
                 where {_nights}.rate_version <= excluded.rate_version
                returning night)
            select w.night from written w left join before b using (night)
             where b.night is null or b.rate is distinct from @rate or b.currency is distinct from @currency
             order by w.night
            """);
        upsert.Parameters
            .AddValue("tenant_id", tenantId)
            .AddValue("property_id", propertyId)
            .AddValue("start", range.Start)
            .AddValue("nights", range.Nights)
            .AddValue("rate", change.Rate)
            .AddValue("currency", change.Currency)
            .AddValue("version", change.Version);
        AddWeekdays(upsert, change.Weekdays);
        return await WriteNightsAsync(tenantId, propertyId, upsert, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DateRange>> SetAvailabilityAsync(string tenantId, Guid propertyId, DateRange range, AvailabilityChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.IsEmpty)
        {
            return [];
        }

        // Each field set in the change is written on its own, where the night does not hold a newer version of it.
        (string Column, string Parameter, object? Value, NpgsqlDbType Type)[] fields =
        [
            ("total_units", "total_units", change.TotalUnits, NpgsqlDbType.Integer),
            ("stop_sell", "stop_sell", change.StopSell, NpgsqlDbType.Boolean),
            ("min_stay", "min_stay", change.MinStay, NpgsqlDbType.Integer),
            ("min_stay_through", "min_stay_through", change.MinStayThrough, NpgsqlDbType.Integer),
            ("max_stay", "max_stay", change.MaxStay, NpgsqlDbType.Integer),
            ("closed_to_arrival", "closed_to_arrival", change.ClosedToArrival, NpgsqlDbType.Boolean),
            ("closed_to_departure", "closed_to_departure", change.ClosedToDeparture, NpgsqlDbType.Boolean),
        ];
        var set = fields.Where(f => f.Value is not null).ToArray();
        var insertColumns = string.Join(", ", set.Select(f => $"{f.Column}, {f.Column}_version"));
        var insertValues = string.Join(", ", set.Select(f => $"@{f.Parameter}, @version"));
        var updates = string.Join(
            ",\n       ",
            set.Select(f => $"{f.Column} = case when {_nights}.{f.Column}_version <= @version then excluded.{f.Column} else {_nights}.{f.Column} end, " +
                            $"{f.Column}_version = greatest({_nights}.{f.Column}_version, @version)"));
        var anyApplies = string.Join(" or ", set.Select(f => $"{_nights}.{f.Column}_version <= @version"));
        var differs = string.Join(" or ", set.Select(f => $"b.{f.Column} is distinct from a.{f.Column}"));
        var columns = string.Join(", ", set.Select(f => f.Column));
        var upsert = new NpgsqlBatchCommand(
            $"""
            with input as (
                select @start + i as night from generate_series(0, @nights - 1) as i
                 where @weekdays::integer[] is null or extract(isodow from @start + i)::integer = any(@weekdays::integer[])),
            before as (
                select n.night, {string.Join(", ", set.Select(f => "n." + f.Column))} from {_nights} n join input using (night)
                 where n.tenant_id = @tenant_id and n.property_id = @property_id),
            written as (
                insert into {_nights} (tenant_id, property_id, night, {insertColumns})
                select @tenant_id, @property_id, night, {insertValues} from input
                on conflict (tenant_id, property_id, night) do update
                   set {updates}
                 where {anyApplies}
                returning night, {columns})
            select a.night from written a left join before b using (night)
             where b.night is null or {differs}
             order by a.night
            """);
        upsert.Parameters
            .AddValue("tenant_id", tenantId)
            .AddValue("property_id", propertyId)
            .AddValue("start", range.Start)
            .AddValue("nights", range.Nights)
            .AddValue("version", change.Version);
        foreach (var f in set)
        {
            upsert.Parameters.Add(new NpgsqlParameter(f.Parameter, f.Type) { Value = f.Value });
        }

        AddWeekdays(upsert, change.Weekdays);
        return await WriteNightsAsync(tenantId, propertyId, upsert, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>ISO days of the week (1 = Monday … 7 = Sunday) as an integer array, or null for every night.</summary>
    private static void AddWeekdays(NpgsqlBatchCommand command, IReadOnlyCollection<DayOfWeek>? weekdays) =>
        command.Parameters.Add(new NpgsqlParameter("weekdays", NpgsqlDbType.Array | NpgsqlDbType.Integer)
        {
            Value = weekdays is null ? DBNull.Value : weekdays.Select(d => d == DayOfWeek.Sunday ? 7 : (int)d).Distinct().ToArray(),
        });

    public async Task<IReadOnlyList<AriDay>> GetAriAsync(string tenantId, Guid propertyId, DateRange range, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.Tenant(tenantId),
            $"""
            select night, total_units, booked, stop_sell, rate, currency, min_stay, max_stay, closed_to_arrival, closed_to_departure, min_stay_through
              from {_nights}
             where tenant_id = @tenant_id and property_id = @property_id and night >= @start and night < @end
            """);
        command.Parameters.AddValue("tenant_id", tenantId).AddValue("property_id", propertyId).AddValue("start", range.Start).AddValue("end", range.End);
        var rows = new Dictionary<DateOnly, AriDay>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var night = reader.GetFieldValue<DateOnly>(0);
                var total = reader.GetNullable<int>(1) ?? 1;
                rows[night] = new AriDay
                {
                    Date = night,
                    TotalUnits = total,
                    AvailableUnits = Math.Max(0, total - reader.GetInt32(2)),
                    StopSell = reader.GetBoolean(3),
                    Rate = reader.GetNullable<decimal>(4) is { } rate ? Normalize(rate) : null,
                    Currency = reader.GetNullableString(5),
                    MinStay = reader.GetNullable<int>(6),
                    MaxStay = reader.GetNullable<int>(7),
                    ClosedToArrival = reader.GetBoolean(8),
                    ClosedToDeparture = reader.GetBoolean(9),
                    MinStayThrough = reader.GetNullable<int>(10),
                };
            }
        }

        // One day per night, including nights without a row (one unit, nothing booked).
        var days = new List<AriDay>(range.Nights);
        foreach (var night in range.EachNight())
        {
            days.Add(rows.TryGetValue(night, out var day) ? day : new AriDay { Date = night, AvailableUnits = 1 });
        }

        return days;
    }

    /// <summary>
    /// Runs a change of one property's nights under the property's lock, like bookings: total units decide
    /// overbooking, and every writer of nights holding the property lock first means row locks on nights are never
    /// taken in conflicting orders (a booking moves release and take nights out of date order).
    /// </summary>
    private async Task<IReadOnlyList<DateRange>> WriteNightsAsync(string tenantId, Guid propertyId, NpgsqlBatchCommand write, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = connection.CreateScopedBatch(PostgresTenantScope.Tenant(tenantId), transaction);
        var lockProperty = new NpgsqlBatchCommand("select pg_advisory_xact_lock(@class, @key)");
        lockProperty.Parameters.AddValue("class", PostgresAdvisoryLocks.Property).AddValue("key", PropertyKey(tenantId, propertyId));
        batch.BatchCommands.Add(lockProperty);
        batch.BatchCommands.Add(write);
        var changed = new NightRuns();
        await using (var reader = await batch.ExecuteScopedReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false); // past the lock's result
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                changed.Add(reader.GetFieldValue<DateOnly>(0));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed.Ranges;
    }

    /// <summary>Drops the trailing zeros numeric(18,4) adds (100 comes back as 100, not 100.0000).</summary>
    private static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    private static List<DateRange> Merge(List<DateRange> ranges)
    {
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<DateRange>();
        foreach (var r in ranges)
        {
            if (merged.Count > 0 && merged[^1].OverlapsOrTouches(r))
            {
                merged[^1] = merged[^1].Hull(r);
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }

    private static Booking ReadBooking(NpgsqlDataReader r)
    {
        var platform = r.GetNullableString(10);
        return new Booking
        {
            TenantId = r.GetString(0),
            BookingId = r.GetString(1),
            PropertyId = r.GetGuid(2),
            Stay = new DateRange(r.GetFieldValue<DateOnly>(3), r.GetFieldValue<DateOnly>(4)),
            Units = r.GetInt32(5),
            Status = PostgresNames.ParseBookingStatus(r.GetString(6)),
            Source = r.GetString(7),
            SourceConnectionId = r.GetNullable<Guid>(8),
            ConfirmationCode = r.GetNullableString(9),
            Platform = platform is null ? null : PostgresNames.ParsePlatform(platform),
            Version = r.GetInt64(11),
            UpdatedAt = r.GetFieldValue<DateTimeOffset>(12),
            Overbooked = r.GetBoolean(13),
        };
    }

    private int PropertyKey(string tenantId, Guid propertyId) =>
        PostgresAdvisoryLocks.Key(_schema, tenantId, propertyId.ToString("N"));

    private async Task<bool> IsOverbookedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Booking booking, CancellationToken cancellationToken)
    {
        await using var check = new NpgsqlCommand(
            $"""
            select exists (
                select 1
                  from generate_series(0, @nights - 1) as i
                  left join {_nights} n
                    on n.tenant_id = @tenant_id and n.property_id = @property_id and n.night = @start + i
                 where coalesce(n.total_units, 1) - coalesce(n.booked, 0) < @units)
            """,
            connection,
            transaction);
        check.Parameters
            .AddValue("tenant_id", booking.TenantId)
            .AddValue("property_id", booking.PropertyId)
            .AddValue("start", booking.Stay.Start)
            .AddValue("nights", booking.Stay.Nights)
            .AddValue("units", booking.Units);
        return (bool)(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private NpgsqlBatchCommand AddBooked(string tenantId, Guid propertyId, DateRange stay, int units)
    {
        var command = new NpgsqlBatchCommand(
            $"""
            insert into {_nights} (tenant_id, property_id, night, booked)
            select @tenant_id, @property_id, @start + i, @units from generate_series(0, @nights - 1) as i
            on conflict (tenant_id, property_id, night) do update set booked = {_nights}.booked + excluded.booked
            """);
        command.Parameters
            .AddValue("tenant_id", tenantId)
            .AddValue("property_id", propertyId)
            .AddValue("start", stay.Start)
            .AddValue("nights", stay.Nights)
            .AddValue("units", units);
        return command;
    }

    private NpgsqlBatchCommand UpsertBooking(Booking b, bool overbooked)
    {
        var command = new NpgsqlBatchCommand(
            $"""
            insert into {_bookings} ({BookingColumns})
            values (@tenant_id, @booking_id, @property_id, @stay_start, @stay_end, @units, @status, @source, @source_connection_id,
                    @confirmation_code, @platform, @version, @updated_at, @overbooked)
            on conflict (tenant_id, booking_id) do update set
                property_id = excluded.property_id, stay_start = excluded.stay_start, stay_end = excluded.stay_end,
                units = excluded.units, status = excluded.status, source = excluded.source,
                source_connection_id = excluded.source_connection_id, confirmation_code = excluded.confirmation_code,
                platform = excluded.platform, version = excluded.version, updated_at = excluded.updated_at,
                overbooked = excluded.overbooked
            """);
        command.Parameters
            .AddValue("tenant_id", b.TenantId)
            .AddValue("booking_id", b.BookingId)
            .AddValue("property_id", b.PropertyId)
            .AddValue("stay_start", b.Stay.Start)
            .AddValue("stay_end", b.Stay.End)
            .AddValue("units", b.Units)
            .AddValue("status", PostgresNames.ToText(b.Status))
            .AddValue("source", b.Source)
            .AddNullable("source_connection_id", b.SourceConnectionId, NpgsqlDbType.Uuid)
            .AddNullable("confirmation_code", b.ConfirmationCode, NpgsqlDbType.Text)
            .AddNullable("platform", b.Platform is { } p ? PostgresNames.ToText(p) : null, NpgsqlDbType.Text)
            .AddValue("version", b.Version)
            .AddValue("updated_at", PostgresParameters.Utc(b.UpdatedAt))
            .AddValue("overbooked", overbooked);
        return command;
    }
}
