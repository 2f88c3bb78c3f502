using ChannelManager.Connections;
using ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;
using ChannelManager.Webhooks;
using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// The webhook inbox in PostgreSQL: deduplicated by <c>(platform, dedupe_key)</c> (a unique constraint, so two
/// processes receiving the same webhook store it once), the notification kept as <c>jsonb</c>. Pending entries are
/// read oldest first through a partial index. Processed entries are kept as dedupe keys for
/// <see cref="PostgresOptions.WebhookInboxRetention"/>, then pruned.
/// </summary>
internal sealed class PostgresWebhookInbox : IWebhookInbox
{
    private const string Columns = "id, platform, dedupe_key, notification, received_at, attempts, processed_at, next_attempt_at, last_error, parked_for, tenant_id";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly string _table;

    public PostgresWebhookInbox(PostgresStoreContext context)
    {
        _dataSource = context.DataSource;
        _time = context.Time;
        _table = context.Table("webhook_inbox");
    }

    public async Task<bool> TryAddAsync(WebhookInboxEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"""
            insert into {_table} ({Columns})
            values (@id, @platform, @dedupe_key, @notification, @received_at, @attempts, @processed_at, @next_attempt_at, @last_error, @parked_for, @tenant_id)
            on conflict do nothing
            """);
        command.Parameters
            .AddValue("id", entry.Id)
            .AddValue("platform", PostgresNames.ToText(entry.Platform))
            .AddValue("dedupe_key", entry.DedupeKey)
            .AddJsonb("notification", PostgresJson.SerializeNotification(entry.Notification))
            .AddValue("received_at", PostgresParameters.Utc(entry.ReceivedAt))
            .AddValue("attempts", entry.Attempts)
            .AddNullable("processed_at", PostgresParameters.Utc(entry.ProcessedAt), NpgsqlTypes.NpgsqlDbType.TimestampTz)
            .AddValue("next_attempt_at", PostgresParameters.Utc(entry.NextAttemptAt))
            .AddNullable("last_error", entry.LastError, NpgsqlTypes.NpgsqlDbType.Text)
            .AddNullable("parked_for", entry.ParkedFor, NpgsqlTypes.NpgsqlDbType.Uuid)
            .AddValue("tenant_id", entry.TenantId ?? string.Empty);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<WebhookInboxEntry>> GetDueAsync(int max, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"""
            select {Columns} from {_table}
             where processed_at is null and next_attempt_at <= @now
             order by received_at, id
             limit @max
            """);
        command.Parameters.AddValue("now", PostgresParameters.Utc(now)).AddValue("max", (long)Math.Max(0, max));
        var entries = new List<WebhookInboxEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new WebhookInboxEntry
            {
                Id = reader.GetGuid(0),
                Platform = PostgresNames.ParsePlatform(reader.GetString(1)),
                DedupeKey = reader.GetString(2),
                Notification = PostgresJson.DeserializeNotification(reader.GetString(3)),
                ReceivedAt = reader.GetFieldValue<DateTimeOffset>(4),
                Attempts = reader.GetInt32(5),
                ProcessedAt = reader.GetNullable<DateTimeOffset>(6),
                NextAttemptAt = reader.GetFieldValue<DateTimeOffset>(7),
                LastError = reader.GetNullableString(8),
                ParkedFor = reader.GetNullable<Guid>(9),
                TenantId = reader.GetString(10) is { Length: > 0 } tenant ? tenant : null,
            });
        }

        return entries;
    }

    public async Task MarkProcessedAsync(Guid id, string? tenantId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"update {_table} set processed_at = @now, attempts = attempts + 1, last_error = null, tenant_id = coalesce(@tenant_id, tenant_id) where id = @id");
        command.Parameters.AddValue("id", id).AddValue("now", _time.GetUtcNow()).AddNullable("tenant_id", tenantId, NpgsqlTypes.NpgsqlDbType.Text);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task MarkFailedAsync(Guid id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"update {_table} set attempts = attempts + 1, last_error = @error, next_attempt_at = @next_attempt_at where id = @id");
        command.Parameters.AddValue("id", id).AddValue("error", error ?? string.Empty).AddValue("next_attempt_at", PostgresParameters.Utc(nextAttemptAt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ParkAsync(Guid id, Guid unmappedReservationId, string reason, DateTimeOffset recheckAt, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"""
            update {_table} set attempts = attempts + 1, last_error = @reason, next_attempt_at = @recheck_at, parked_for = @parked_for
             where id = @id and processed_at is null
            """);
        command.Parameters
            .AddValue("id", id)
            .AddValue("reason", reason ?? string.Empty)
            .AddValue("recheck_at", PostgresParameters.Utc(recheckAt))
            .AddValue("parked_for", unmappedReservationId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> RequeueParkedAsync(Guid unmappedReservationId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"update {_table} set next_attempt_at = @now where parked_for = @parked_for and processed_at is null");
        command.Parameters.AddValue("parked_for", unmappedReservationId).AddValue("now", PostgresParameters.Utc(now));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<Platform, int>> GetBacklogAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(PostgresTenantScope.AllTenants, $"select platform, count(*) from {_table} where processed_at is null group by platform");
        var backlog = new Dictionary<Platform, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            backlog[PostgresNames.ParsePlatform(reader.GetString(0))] = (int)reader.GetInt64(1);
        }

        return backlog;
    }
}
