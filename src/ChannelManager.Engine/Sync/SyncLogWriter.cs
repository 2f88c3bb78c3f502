using ChannelManager.Connections;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Inventory;
using ChannelManager.Sync;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Engine.Sync;

/// <summary>
/// Writes one sync-log row per operation, counts it in <c>channel_manager_sync_operations_total</c>, and keeps the
/// connection's last-sync and last-error fields current.
/// </summary>
internal sealed class SyncLogWriter
{
    private readonly ISyncLogStore _logs;
    private readonly IChannelConnectionStore _connections;
    private readonly TimeProvider _time;
    private readonly ILogger<SyncLogWriter> _logger;
    private readonly ChannelManagerInstruments _instruments;
    private readonly SyncActivityNotifier _activity;

    public SyncLogWriter(ISyncLogStore logs, IChannelConnectionStore connections, TimeProvider time, ILogger<SyncLogWriter> logger, ChannelManagerInstruments instruments, SyncActivityNotifier? activity = null)
    {
        _instruments = instruments;
        _activity = activity ?? SyncActivityNotifier.None;
        _logs = logs;
        _connections = connections;
        _time = time;
        _logger = logger;
    }

    public async Task WriteAsync(ChannelConnection connection, string operation, string? trigger, DateRange? range, int attempt, SyncOutcome outcome, DateTimeOffset startedAt, int platformCalls, string? error, CancellationToken cancellationToken, string? details = null)
    {
        var entry = new SyncLogEntry
        {
            Id = Guid.CreateVersion7(),
            TenantId = connection.TenantId,
            ConnectionId = connection.Id,
            Operation = operation,
            Trigger = trigger,
            Range = range,
            Attempt = attempt,
            Outcome = outcome,
            DurationMs = (_time.GetUtcNow() - startedAt).TotalMilliseconds,
            PlatformCalls = platformCalls,
            Error = error,
            Details = details,
            StartedAt = startedAt,
        };
        _instruments.RecordOperation(connection.Platform, operation, trigger, TelemetryLabels.StatusOf(outcome));
        await _logs.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        await _activity.SyncLoggedAsync(entry, cancellationToken).ConfigureAwait(false);
        if (outcome == SyncOutcome.Succeeded && operation != SyncOperations.ConnectionTest)
        {
            // A platform that took a push again has healed the connection (a new token, a restored listing).
            await UpdateConnectionAsync(connection, c => c with { LastSyncAt = entry.StartedAt, LastError = null, Status = c.Status == ConnectionStatus.Error ? ConnectionStatus.Active : c.Status }, cancellationToken).ConfigureAwait(false);
        }
        else if (outcome == SyncOutcome.Failed)
        {
            _logger.LogWarning("{Operation} for connection {ConnectionId} ({Platform}) failed on attempt {Attempt}: {Error}", operation, connection.Id, connection.Platform.ToWireName(), attempt, error);
            await UpdateConnectionAsync(connection, c => c with { LastError = error }, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task UpdateConnectionAsync(ChannelConnection connection, Func<ChannelConnection, ChannelConnection> change, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 5; i++)
        {
            var current = await _connections.GetAsync(connection.TenantId, connection.Id, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return;
            }

            var changed = change(current) with { Version = current.Version + 1, UpdatedAt = _time.GetUtcNow() };
            if (await _connections.UpdateAsync(changed, current.Version, cancellationToken).ConfigureAwait(false))
            {
                await _activity.ConnectionChangedAsync(changed, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }
}
