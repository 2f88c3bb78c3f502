using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;
using ChannelManager.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql.Outbox;

/// <summary>
/// Moves committed outbox rows onto the <see cref="IEventBus"/>, in creation order. Each batch is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> (so several processes relay side by side without publishing a row twice), published
/// event by event, and marked published in the same transaction after publishing. When the bus fails (e.g. Redis is
/// down) the unpublished rows stay and the relay backs off and retries, so nothing is lost; when PostgreSQL fails the
/// relay retries until it is back. Woken by <c>NOTIFY</c> (see <see cref="OutboxListener"/>), with
/// <see cref="PostgresOptions.OutboxPollInterval"/> as a fallback.
/// <para>
/// Delivery is at least once: a crash (or a lost connection) between publishing and committing the batch leaves the
/// rows unpublished, and they are published again. Consumers tolerate that: <c>EventConsumerWorker</c> skips event
/// ids already handled (<see cref="IProcessedEventStore"/>), and every handler is idempotent by event id.
/// </para>
/// </summary>
internal sealed class OutboxRelay : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly NpgsqlDataSource _dataSource;
    private readonly IEventBus _bus;
    private readonly IDeadLetterQueue _deadLetters;
    private readonly OutboxSignal _signal;
    private readonly PostgresOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxRelay> _logger;
    private readonly string _table;
    private readonly string _processedTable;
    private DateTimeOffset _nextRedeliveryCheck;

    public OutboxRelay(PostgresStoreContext context, IEventBus bus, IDeadLetterQueue deadLetters, OutboxSignal signal, IOptions<PostgresOptions> options, ILogger<OutboxRelay> logger)
    {
        _dataSource = context.DataSource;
        _bus = bus;
        _deadLetters = deadLetters;
        _signal = signal;
        _options = options.Value;
        _time = context.Time;
        _logger = logger;
        _table = context.Table("outbox");
        _processedTable = context.Table("processed_events");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_time.GetUtcNow() >= _nextRedeliveryCheck)
                {
                    _nextRedeliveryCheck = _time.GetUtcNow() + _options.OutboxRedeliveryTimeout / 4;
                    await RequeueUnhandledAsync(stoppingToken).ConfigureAwait(false);
                }

                var relayed = await RelayBatchAsync(stoppingToken).ConfigureAwait(false);
                if (failures > 0)
                {
                    _logger.LogInformation("The outbox relay recovered after {Failures} failed attempts", failures);
                    failures = 0;
                }

                if (relayed < _options.OutboxBatchSize)
                {
                    await _signal.WaitAsync(_options.OutboxPollInterval, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = RetryDelay(failures);
                _logger.LogWarning(ex, "The outbox relay failed (attempt {Attempt}); the events stay in the outbox and are retried in {Delay}", failures, delay);
                try
                {
                    await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims, publishes and marks one batch; returns how many rows it settled.</summary>
    internal async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var rows = new List<(Guid Id, string Payload)>();
        await using (var claim = connection.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"""
            select id, payload::text from {_table}
             where published_at is null and failed_at is null
             order by position
             limit @batch
               for update skip locked
            """,
            transaction))
        {
            claim.Parameters.AddValue("batch", _options.OutboxBatchSize);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        var published = new List<Guid>(rows.Count);
        var unreadable = new List<(Guid Id, string Error)>();
        ExceptionDispatchInfo? failure = null;
        foreach (var (id, payload) in rows)
        {
            EventEnvelope envelope;
            try
            {
                envelope = EventEnvelopeSerializer.Deserialize(Encoding.UTF8.GetBytes(payload));
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
            {
                _logger.LogError(ex, "Outbox event {EventId} cannot be read and is set aside (failed_at) instead of published", id);
                unreadable.Add((id, ex.Message));
                continue;
            }

            try
            {
                await _bus.PublishAsync(envelope, cancellationToken).ConfigureAwait(false);
                published.Add(id);
            }
            catch (Exception ex)
            {
                // Stop here: the rest of the batch stays unpublished, in order, for the next attempt.
                failure = ExceptionDispatchInfo.Capture(ex);
                break;
            }
        }

        // Record what was published even when the bus failed part-way (or the host is stopping), so that those
        // events are not published again. If this commit fails they are, which consumers tolerate (see above).
        if (published.Count > 0 || unreadable.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            if (published.Count > 0)
            {
                var mark = new NpgsqlBatchCommand($"update {_table} set published_at = now() where id = any(@ids)");
                mark.Parameters.AddValue("ids", published.ToArray());
                batch.BatchCommands.Add(mark);
            }

            foreach (var (id, error) in unreadable)
            {
                var setAside = new NpgsqlBatchCommand($"update {_table} set failed_at = now(), last_error = @error where id = @id");
                setAside.Parameters.AddValue("id", id).AddValue("error", error);
                batch.BatchCommands.Add(setAside);
            }

            await batch.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        failure?.Throw();
        return published.Count + unreadable.Count;
    }

    /// <summary>
    /// Makes events that were published but never handled within <see cref="PostgresOptions.OutboxRedeliveryTimeout"/>
    /// unpublished again, so the relay publishes them again: the bus lost them (e.g. Redis restarted without
    /// persistence). Events sitting in the dead letters are left alone (they were delivered; replay them instead).
    /// After <see cref="PostgresOptions.OutboxMaxRedeliveries"/> attempts an event is set aside (<c>failed_at</c>).
    /// </summary>
    /// <returns>How many events were queued again.</returns>
    internal async Task<int> RequeueUnhandledAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var stale = new List<(Guid Id, int Redeliveries)>();
        await using (var find = connection.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"""
            select o.id, o.redeliveries from {_table} o
             where o.published_at is not null and o.failed_at is null
               and o.published_at < now() - @timeout
               and not exists (select 1 from {_processedTable} p where p.event_id = o.id)
             order by o.position
             limit 1000
            """))
        {
            find.Parameters.AddValue("timeout", _options.OutboxRedeliveryTimeout);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stale.Add((reader.GetGuid(0), reader.GetInt32(1)));
            }
        }

        if (stale.Count == 0)
        {
            return 0;
        }

        var dead = (await _deadLetters.ListAsync(10_000, cancellationToken).ConfigureAwait(false)).Select(d => d.Envelope.EventId).ToHashSet();
        var requeue = stale.Where(s => !dead.Contains(s.Id) && s.Redeliveries < _options.OutboxMaxRedeliveries).Select(s => s.Id).ToArray();
        var giveUp = stale.Where(s => !dead.Contains(s.Id) && s.Redeliveries >= _options.OutboxMaxRedeliveries).Select(s => s.Id).ToArray();
        await using var batch = connection.CreateScopedBatch(PostgresTenantScope.AllTenants);
        var again = new NpgsqlBatchCommand($"update {_table} set published_at = null, redeliveries = redeliveries + 1 where id = any(@ids) and published_at is not null");
        again.Parameters.AddValue("ids", requeue);
        batch.BatchCommands.Add(again);
        var setAside = new NpgsqlBatchCommand($"update {_table} set failed_at = now(), last_error = 'published ' || (redeliveries + 1) || ' times but never handled' where id = any(@ids) and failed_at is null");
        setAside.Parameters.AddValue("ids", giveUp);
        batch.BatchCommands.Add(setAside);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (requeue.Length > 0)
        {
            _logger.LogWarning("{Count} outbox events were published but not handled within {Timeout}; publishing them again", requeue.Length, _options.OutboxRedeliveryTimeout);
        }

        if (giveUp.Length > 0)
        {
            _logger.LogError("{Count} outbox events were never handled after {Max} redeliveries and are set aside (outbox.failed_at)", giveUp.Length, _options.OutboxMaxRedeliveries);
        }

        return requeue.Length;
    }

    private static TimeSpan RetryDelay(int failures)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Min(failures - 1, 20));
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }
}
