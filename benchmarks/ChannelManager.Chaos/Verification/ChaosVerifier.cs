using System.Globalization;
using ChannelManager.Chaos.Load;
using ChannelManager.Connections;
using ChannelManager.Simulator;
using Npgsql;
using StackExchange.Redis;

namespace ChannelManager.Chaos.Verification;

/// <summary>
/// Reads the end state — PostgreSQL as its superuser (past row-level security), the Redis stream's consumer group,
/// the simulator's platforms — and asserts: everything drained; events published = events handled; bookings made on
/// the platforms = bookings in the PMS, each once; no overbooked night without a recorded conflict; and every
/// connected listing's platform calendar equal to the ledger for every night of the window.
/// </summary>
internal sealed class ChaosVerifier
{
    private const string Schema = "channel_manager";
    private const string Stream = "pms_core_events";
    private const string Group = "channel_manager_consumers";
    private const int Examples = 8;

    private readonly string _database;
    private readonly IConnectionMultiplexer _redis;
    private readonly PlatformSimulator _simulator;
    private readonly IReadOnlyList<ChaosProperty> _properties;
    private readonly PmsLoad _pms;
    private readonly PlatformLoad _platforms;
    private readonly DateOnly _firstNight;
    private readonly int _windowDays;

    public ChaosVerifier(string superuserConnectionString, IConnectionMultiplexer redis, PlatformSimulator simulator, IReadOnlyList<ChaosProperty> properties, PmsLoad pms, PlatformLoad platforms, DateOnly firstNight, int windowDays)
    {
        _database = superuserConnectionString + ";Pooling=false";
        _redis = redis;
        _simulator = simulator;
        _properties = properties;
        _pms = pms;
        _platforms = platforms;
        _firstNight = firstNight;
        _windowDays = windowDays;
    }

    /// <summary>Runs every check once.</summary>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The verdict.</returns>
    public async Task<ChaosVerdict> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var db = new NpgsqlConnection(_database);
        await db.OpenAsync(cancellationToken);
        return new ChaosVerdict(
        [
            await DrainedAsync(db, cancellationToken),
            await EventsAsync(db, cancellationToken),
            await BookingsAsync(db, cancellationToken),
            await OverbookingsAsync(db, cancellationToken),
            await CalendarsAsync(db, cancellationToken),
        ]);
    }

    private async Task<ChaosCheck> DrainedAsync(NpgsqlConnection db, CancellationToken ct)
    {
        var unpublished = await ScalarAsync(db, $"select count(*) from {Schema}.outbox where published_at is null and failed_at is null", ct);
        var inbox = await ScalarAsync(db, $"select count(*) from {Schema}.webhook_inbox where processed_at is null", ct);
        var parked = await ScalarAsync(db, $"select count(*) from {Schema}.webhook_inbox where processed_at is null and parked_for is not null", ct);
        var dirty = await ScalarAsync(db, $"select count(*) from {Schema}.dirty_marks", ct);
        long pending;
        long deadLetters;
        try
        {
            var redis = _redis.GetDatabase();
            pending = (await redis.StreamPendingAsync(Stream, Group)).PendingMessageCount;
            deadLetters = await redis.StreamLengthAsync(Stream + ":dead-letters");
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            pending = -1;
            deadLetters = -1;
        }

        var passed = unpublished == 0 && inbox == 0 && dirty == 0 && pending == 0 && deadLetters == 0;
        return new ChaosCheck(
            "drained",
            passed,
            $"outbox unpublished {unpublished}, stream entries pending {pending}, dead letters {deadLetters}, webhook inbox not done {inbox} (parked {parked}), dirty marks {dirty}",
            []);
    }

    private async Task<ChaosCheck> EventsAsync(NpgsqlConnection db, CancellationToken ct)
    {
        var acknowledged = _pms.Acknowledged.Keys.ToArray();
        var handled = new HashSet<Guid>();
        var inOutbox = new HashSet<Guid>();
        await using (var command = new NpgsqlCommand($"select p.event_id from {Schema}.processed_events p where p.event_id = any(@ids)", db))
        {
            command.Parameters.AddWithValue("ids", acknowledged);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                handled.Add(reader.GetGuid(0));
            }
        }

        await using (var command = new NpgsqlCommand($"select o.id from {Schema}.outbox o where o.id = any(@ids)", db))
        {
            command.Parameters.AddWithValue("ids", acknowledged);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                inOutbox.Add(reader.GetGuid(0));
            }
        }

        var outboxTotal = await ScalarAsync(db, $"select count(*) from {Schema}.outbox", ct);
        var outboxFailed = await ScalarAsync(db, $"select count(*) from {Schema}.outbox where failed_at is not null", ct);
        var redelivered = await ScalarAsync(db, $"select coalesce(sum(redeliveries), 0) from {Schema}.outbox", ct);
        var unhandled = new List<string>();
        await using (var command = new NpgsqlCommand($"select o.id, o.event_type from {Schema}.outbox o left join {Schema}.processed_events p on p.event_id = o.id where p.event_id is null order by o.position", db))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                unhandled.Add($"outbox event {reader.GetGuid(0)} ({reader.GetString(1)}) has no processed-event row");
            }
        }

        var missing = acknowledged.Where(id => !handled.Contains(id)).Select(id => $"PMS event {id} ({_pms.Acknowledged[id]}) acknowledged but not handled{(inOutbox.Contains(id) ? string.Empty : " and not in the outbox")}").ToList();
        var byType = string.Join(", ", _pms.Acknowledged.GroupBy(kv => kv.Value).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
        return new ChaosCheck(
            "events published = events handled",
            missing.Count == 0 && unhandled.Count == 0 && outboxFailed == 0,
            $"PMS events acknowledged {acknowledged.Length} ({byType}), handled {acknowledged.Length - missing.Count}; all events through the outbox (PMS + booking imports) {outboxTotal}, handled {outboxTotal - unhandled.Count}, unreadable {outboxFailed}, re-published by the outbox after Redis lost them {redelivered}",
            [.. missing.Concat(unhandled).Take(Examples)]);
    }

    private async Task<ChaosCheck> BookingsAsync(NpgsqlConnection db, CancellationToken ct)
    {
        var created = _platforms.Created.ToList();
        var pms = new List<(string Platform, string Code, string Key, int Deliveries)>();
        await using (var command = new NpgsqlCommand("select platform, confirmation_code, idempotency_key, deliveries from sample_pms.bookings", db))
        {
            try
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    pms.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
                }
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // No booking reached the PMS yet.
            }
        }

        var ledger = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand($"select booking_id from {Schema}.ledger_bookings where source_connection_id is not null", db))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ledger.Add(reader.GetString(0));
            }
        }

        var pmsByBooking = pms.GroupBy(b => b.Platform + ":" + b.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var createdIds = created.Select(b => b.Platform.ToWireName() + ":" + b.ConfirmationCode).ToHashSet(StringComparer.Ordinal);
        var differences = new List<string>();
        differences.AddRange(created.Where(b => !pmsByBooking.ContainsKey(b.Platform.ToWireName() + ":" + b.ConfirmationCode))
            .Select(b => $"missing in the PMS: {b.Platform.ToWireName()} {b.ConfirmationCode} (property {b.PropertyIndex}, {b.CheckIn:yyyy-MM-dd}..{b.CheckOut:yyyy-MM-dd}, via {b.Delivery})"));
        differences.AddRange(pmsByBooking.Where(kv => kv.Value.Count > 1).Select(kv => $"duplicated in the PMS: {kv.Key} recorded {kv.Value.Count} times (keys {string.Join(", ", kv.Value.Select(v => v.Key))})"));
        differences.AddRange(pmsByBooking.Keys.Where(id => !createdIds.Contains(id)).Select(id => $"in the PMS but never booked on a platform: {id}"));
        differences.AddRange(createdIds.Where(id => !ledger.Contains(id)).Select(id => $"missing in the ledger: {id}"));
        var repeats = pms.Sum(b => b.Deliveries - 1);
        var byPlatform = string.Join(", ", created.GroupBy(b => b.Platform).OrderBy(g => g.Key).Select(g => $"{g.Key.ToWireName()} {g.Count()}"));
        return new ChaosCheck(
            "bookings created on platforms = bookings in the PMS",
            differences.Count == 0,
            $"created on platforms {created.Count} ({byPlatform}); in the PMS {pmsByBooking.Count} distinct, {pms.Count} records; in the ledger {ledger.Count}; same-key repeats absorbed by the PMS's unique key {repeats}",
            [.. differences.Take(Examples)]);
    }

    private async Task<ChaosCheck> OverbookingsAsync(NpgsqlConnection db, CancellationToken ct)
    {
        var conflicts = new List<(Guid Property, string Booking, DateOnly Start, DateOnly End)>();
        await using (var command = new NpgsqlCommand($"select property_id, booking_id, stay_start, stay_end from {Schema}.conflicts", db))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                conflicts.Add((reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<DateOnly>(3)));
            }
        }

        var overbookedNights = new List<(Guid Property, DateOnly Night, int Booked, int Units)>();
        await using (var command = new NpgsqlCommand($"select property_id, night, booked, coalesce(total_units, 1) from {Schema}.ledger_nights where booked > coalesce(total_units, 1)", db))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                overbookedNights.Add((reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt32(2), reader.GetInt32(3)));
            }
        }

        var flagged = new List<string>();
        await using (var command = new NpgsqlCommand($"select booking_id from {Schema}.ledger_bookings where overbooked and status <> 'cancelled'", db))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                flagged.Add(reader.GetString(0));
            }
        }

        var conflictBookings = conflicts.Select(c => c.Booking).ToHashSet(StringComparer.Ordinal);
        var differences = overbookedNights
            .Where(n => !conflicts.Any(c => c.Property == n.Property && c.Start <= n.Night && n.Night < c.End))
            .Select(n => $"night {n.Night:yyyy-MM-dd} of property {n.Property}: {n.Booked} booked of {n.Units} unit(s), no conflict covers it")
            .Concat(flagged.Where(b => !conflictBookings.Contains(b)).Select(b => $"booking {b} is flagged overbooked in the ledger but has no conflict"))
            .ToList();
        return new ChaosCheck(
            "0 overbookings not recorded as conflicts",
            differences.Count == 0,
            $"overbooked nights in the ledger {overbookedNights.Count}, bookings flagged overbooked {flagged.Count}, conflicts recorded {conflicts.Count}, overbooked nights without a conflict {differences.Count}",
            [.. differences.Take(Examples)]);
    }

    private async Task<ChaosCheck> CalendarsAsync(NpgsqlConnection db, CancellationToken ct)
    {
        // Vrbo pulls: make it read the feeds now, so its calendar is what the workers serve at this moment.
        var poll = await _simulator.FewoDirekt.PollAsync(ct);
        var ledger = new Dictionary<(Guid, DateOnly), (int Available, bool StopSell, decimal? Rate)>();
        var to = _firstNight.AddDays(_windowDays);
        await using (var command = new NpgsqlCommand($"select property_id, night, coalesce(total_units, 1) - booked, stop_sell, rate from {Schema}.ledger_nights where night >= @from and night < @to", db))
        {
            command.Parameters.AddWithValue("from", _firstNight);
            command.Parameters.AddWithValue("to", to);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ledger[(reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1))] = (reader.GetInt32(2), reader.GetBoolean(3), reader.IsDBNull(4) ? null : reader.GetDecimal(4));
            }
        }

        var compared = 0;
        var differences = new List<string>();
        var differingByPlatform = new Dictionary<Platform, int>();
        foreach (var property in _properties)
        {
            foreach (var platform in ChaosProperty.Platforms)
            {
                var listing = property.ListingOf(platform);
                for (var night = _firstNight; night < to; night = night.AddDays(1))
                {
                    compared++;
                    var (available, stopSell, rate) = ledger.TryGetValue((property.PropertyId, night), out var n) ? n : (1, false, null);
                    var ledgerOpen = !stopSell && available > 0;
                    var day = _simulator.State.GetDay(platform, listing, night);
                    var platformOpen = day is null || (day.IsAvailable && day.AvailableCount is not 0);
                    var rateDiffers = rate is { } r && day?.DailyPrice != r;
                    if (ledgerOpen != platformOpen || rateDiffers)
                    {
                        differingByPlatform[platform] = differingByPlatform.GetValueOrDefault(platform) + 1;
                        differences.Add(string.Create(
                            CultureInfo.InvariantCulture,
                            $"{platform.ToWireName()} {listing} {night:yyyy-MM-dd}: ledger {(ledgerOpen ? "open" : "closed")} ({available} left{(stopSell ? ", stop-sell" : string.Empty)}) rate {rate?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-"}; platform {(day is null ? "never set" : platformOpen ? "open" : "closed")} rate {day?.DailyPrice?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-"}"));
                    }
                }
            }
        }

        var perPlatform = differingByPlatform.Count == 0 ? string.Empty : " (" + string.Join(", ", differingByPlatform.Select(kv => $"{kv.Key.ToWireName()} {kv.Value}")) + ")";
        return new ChaosCheck(
            "every platform calendar = the ledger",
            differences.Count == 0,
            $"{_properties.Count * ChaosProperty.Platforms.Count} listings x {_windowDays} nights = {compared} listing-nights compared (availability; rate where the ledger has one), differing {differences.Count}{perPlatform}; Vrbo poll: {poll.Advertisers} advertisers, {poll.ContentRead} documents read, {poll.ContentUnchanged} unchanged, {poll.Errors.Count} errors",
            [.. differences.Take(Examples)]);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
