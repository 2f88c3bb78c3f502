using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChannelManager.AspNetCore.Endpoints;
using ChannelManager.AspNetCore.Http;
using ChannelManager.Conflicts;
using ChannelManager.Connections;
using ChannelManager.Events;
using ChannelManager.Sync;
using Microsoft.Extensions.Options;

namespace ChannelManager.AspNetCore.Dashboard;

/// <summary>
/// Hands the engine's activity in this process (sync-log rows, connection changes, dead letters, overbooking conflicts)
/// to the open live-status streams of the tenant it belongs to, and to no other tenant's. Called inline by the engine,
/// it only serializes (when that tenant has a stream open) and queues: it never waits for a browser.
/// </summary>
internal sealed class DashboardEventBroadcaster : ISyncActivityObserver, IConflictObserver
{
    private readonly ChannelManagerDashboardOptions _options;
    private readonly Lock _gate = new();
    private DashboardSubscription[] _subscriptions = []; // copied on write, read without a lock

    public DashboardEventBroadcaster(IOptions<ChannelManagerDashboardOptions> options)
    {
        _options = options.Value;
    }

    /// <summary>How many streams are open.</summary>
    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    /// <summary>Opens a stream for a tenant, or returns <see langword="null"/> when <see cref="ChannelManagerDashboardOptions.MaxSubscribers"/> are open.</summary>
    public DashboardSubscription? TrySubscribe(string tenantId)
    {
        lock (_gate)
        {
            if (_subscriptions.Length >= _options.MaxSubscribers)
            {
                return null;
            }

            var subscription = new DashboardSubscription(tenantId, _options.SubscriberBufferCapacity, Unsubscribe);
            _subscriptions = [.. _subscriptions, subscription];
            return subscription;
        }
    }

    public Task OnSyncLoggedAsync(SyncLogEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Publish(entry.TenantId, DashboardEventNames.SyncLog, entry, static e => e.ToResponse(), DashboardJsonContext.Default.SyncLogResponse);
        return Task.CompletedTask;
    }

    public Task OnConnectionChangedAsync(ChannelConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.DeletedAt is not null)
        {
            Publish(connection.TenantId, DashboardEventNames.ConnectionDeleted, connection, static c => new DashboardRemovedEvent(c.Id.ToString("D")), DashboardJsonContext.Default.DashboardRemovedEvent);
        }
        else
        {
            // ToResponse shows whether a token is present, never the token.
            Publish(connection.TenantId, DashboardEventNames.Connection, connection, static c => c.ToResponse(), DashboardJsonContext.Default.ConnectionResponse);
        }

        return Task.CompletedTask;
    }

    public Task OnDeadLetteredAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);

        // Scoped like GET /dead-letters: a dead letter belongs to the tenant of its event.
        Publish(deadLetter.Envelope.TenantId, DashboardEventNames.DeadLetter, deadLetter, static d => DeadLetterEndpoints.ToResponse(d), DashboardJsonContext.Default.DeadLetterResponse);
        return Task.CompletedTask;
    }

    public Task OnDeadLetterReplayedAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        Publish(deadLetter.Envelope.TenantId, DashboardEventNames.DeadLetterReplayed, deadLetter, static d => new DashboardRemovedEvent(d.Id), DashboardJsonContext.Default.DashboardRemovedEvent);
        return Task.CompletedTask;
    }

    public Task OnOverbookingAsync(OverbookingConflict conflict, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        Publish(conflict.TenantId, DashboardEventNames.Conflict, conflict, static c => ConflictEndpoints.ToResponse(c), DashboardJsonContext.Default.ConflictResponse);
        return Task.CompletedTask;
    }

    private void Publish<TSource, TWire>(string tenantId, string name, TSource source, Func<TSource, TWire> toWire, JsonTypeInfo<TWire> type)
    {
        DashboardEvent? e = null;
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (!string.Equals(subscription.TenantId, tenantId, StringComparison.Ordinal))
            {
                continue;
            }

            e ??= new DashboardEvent(name, JsonSerializer.Serialize(toWire(source), type));
            subscription.Offer(e);
        }
    }

    private void Unsubscribe(DashboardSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => !ReferenceEquals(s, subscription))];
        }
    }
}
