using System.Collections.Concurrent;
using ChannelManager.Connections;
using ChannelManager.Webhooks;

namespace ChannelManager.Engine.Storage.InMemory;

/// <summary>The embedded-default webhook inbox. Processed entries are kept (as dedupe keys) up to a bound.</summary>
internal sealed class InMemoryWebhookInbox : IWebhookInbox
{
    private const int MaxProcessedKept = 100_000;
    private readonly ConcurrentDictionary<(Platform, string), Guid> _keys = new();
    private readonly ConcurrentDictionary<Guid, WebhookInboxEntry> _entries = new();
    private readonly ConcurrentQueue<Guid> _processedOrder = new();

    public Task<bool> TryAddAsync(WebhookInboxEntry entry, CancellationToken cancellationToken = default)
    {
        if (!_keys.TryAdd((entry.Platform, entry.DedupeKey), entry.Id))
        {
            return Task.FromResult(false);
        }

        _entries[entry.Id] = entry;
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<WebhookInboxEntry>> GetDueAsync(int max, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WebhookInboxEntry>>(_entries.Values
            .Where(e => e.ProcessedAt is null && e.NextAttemptAt <= now)
            .OrderBy(e => e.ReceivedAt)
            .Take(max)
            .ToList());

    public Task MarkProcessedAsync(Guid id, string? tenantId, CancellationToken cancellationToken = default)
    {
        if (_entries.TryGetValue(id, out var e))
        {
            _entries[id] = e with { ProcessedAt = DateTimeOffset.UtcNow, Attempts = e.Attempts + 1, LastError = null, TenantId = tenantId ?? e.TenantId };
            _processedOrder.Enqueue(id);
            while (_processedOrder.Count > MaxProcessedKept && _processedOrder.TryDequeue(out var old))
            {
                if (_entries.TryRemove(old, out var removed))
                {
                    _keys.TryRemove((removed.Platform, removed.DedupeKey), out _);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task MarkFailedAsync(Guid id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default)
    {
        if (_entries.TryGetValue(id, out var e))
        {
            _entries[id] = e with { Attempts = e.Attempts + 1, LastError = error, NextAttemptAt = nextAttemptAt };
        }

        return Task.CompletedTask;
    }

    public Task ParkAsync(Guid id, Guid unmappedReservationId, string reason, DateTimeOffset recheckAt, CancellationToken cancellationToken = default)
    {
        if (_entries.TryGetValue(id, out var e) && e.ProcessedAt is null)
        {
            _entries[id] = e with { Attempts = e.Attempts + 1, LastError = reason, NextAttemptAt = recheckAt, ParkedFor = unmappedReservationId };
        }

        return Task.CompletedTask;
    }

    public Task<int> RequeueParkedAsync(Guid unmappedReservationId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var e in _entries.Values)
        {
            if (e.ProcessedAt is null && e.ParkedFor == unmappedReservationId && _entries.TryUpdate(e.Id, e with { NextAttemptAt = now }, e))
            {
                count++;
            }
        }

        return Task.FromResult(count);
    }

    public Task<IReadOnlyDictionary<Platform, int>> GetBacklogAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<Platform, int>>(_entries.Values
            .Where(e => e.ProcessedAt is null)
            .GroupBy(e => e.Platform)
            .ToDictionary(g => g.Key, g => g.Count()));
}
