using ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// Prunes expired rows every <see cref="PostgresOptions.PruneInterval"/>: handled event ids, published outbox rows,
/// processed webhook-inbox entries and old sync logs, each after its retention period. Deletes in small batches so
/// no long lock is held; one process prunes at a time (an advisory lock; the others skip the round).
/// </summary>
internal sealed class PostgresMaintenanceService : BackgroundService
{
    private const int DeleteBatchSize = 5_000;

    private readonly PostgresStoreContext _context;
    private readonly PostgresOptions _options;
    private readonly ILogger<PostgresMaintenanceService> _logger;

    public PostgresMaintenanceService(PostgresStoreContext context, IOptions<PostgresOptions> options, ILogger<PostgresMaintenanceService> logger)
    {
        _context = context;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.PruneInterval, _context.Time, stoppingToken).ConfigureAwait(false);
                await PruneAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Pruning expired ChannelManager rows failed; trying again in {Interval}", _options.PruneInterval);
            }
        }
    }

    /// <summary>Deletes every expired row; returns how many, or -1 when another process is pruning.</summary>
    internal async Task<long> PruneAsync(CancellationToken cancellationToken)
    {
        var now = _context.Time.GetUtcNow();
        await using var connection = await _context.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var lockKey = PostgresAdvisoryLocks.Key(_context.Schema);
        await using (var tryLock = new NpgsqlCommand("select pg_try_advisory_lock(@class, @key)", connection))
        {
            tryLock.Parameters.AddValue("class", PostgresAdvisoryLocks.Maintenance).AddValue("key", lockKey);
            if (!(bool)(await tryLock.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return -1;
            }
        }

        try
        {
            var deleted = 0L;
            deleted += await DeleteAsync(connection, "processed_events", "event_id", "processed_at", now - _options.ProcessedEventRetention, cancellationToken).ConfigureAwait(false);
            deleted += await DeleteAsync(connection, "outbox", "id", "published_at", now - _options.OutboxRetention, cancellationToken).ConfigureAwait(false);
            deleted += await DeleteAsync(connection, "webhook_inbox", "id", "processed_at", now - _options.WebhookInboxRetention, cancellationToken).ConfigureAwait(false);
            if (_options.SyncLogRetention is { } syncLogRetention)
            {
                deleted += await DeleteAsync(connection, "sync_logs", "id", "started_at", now - syncLogRetention, cancellationToken).ConfigureAwait(false);
            }

            if (deleted > 0)
            {
                _logger.LogInformation("Pruned {Count} expired ChannelManager rows", deleted);
            }

            return deleted;
        }
        finally
        {
            try
            {
                await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(@class, @key)", connection);
                unlock.Parameters.AddValue("class", PostgresAdvisoryLocks.Maintenance).AddValue("key", lockKey);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The connection is gone, and with it the session's lock.
            }
        }
    }

    private async Task<long> DeleteAsync(NpgsqlConnection connection, string table, string key, string timestamp, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var qualified = _context.Table(table);
        await using var command = connection.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"delete from {qualified} where {key} in (select {key} from {qualified} where {timestamp} < @cutoff limit {DeleteBatchSize})");
        command.Parameters.AddValue("cutoff", PostgresParameters.Utc(cutoff));
        long total = 0;
        while (true)
        {
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            total += deleted;
            if (deleted < DeleteBatchSize)
            {
                return total;
            }
        }
    }
}
