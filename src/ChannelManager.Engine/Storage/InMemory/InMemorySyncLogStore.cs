using System.Collections.Concurrent;
using ChannelManager.Common;
using ChannelManager.Sync;

namespace ChannelManager.Engine.Storage.InMemory;

/// <summary>The embedded-default sync-log store. Keeps the newest rows per connection (bounded).</summary>
internal sealed class InMemorySyncLogStore : ISyncLogStore
{
    private const int MaxRowsPerConnection = 10_000;
    private readonly ConcurrentDictionary<Guid, List<SyncLogEntry>> _rows = new();

    public Task AppendAsync(SyncLogEntry entry, CancellationToken cancellationToken = default)
    {
        var list = _rows.GetOrAdd(entry.ConnectionId, _ => []);
        lock (list)
        {
            list.Add(entry);
            if (list.Count > MaxRowsPerConnection)
            {
                list.RemoveRange(0, list.Count - MaxRowsPerConnection);
            }
        }

        return Task.CompletedTask;
    }

    public Task<Page<SyncLogEntry>> ListAsync(string tenantId, Guid connectionId, PageRequest page, CancellationToken cancellationToken = default)
    {
        List<SyncLogEntry> snapshot;
        if (_rows.TryGetValue(connectionId, out var list))
        {
            lock (list)
            {
                snapshot = list.Where(e => e.TenantId == tenantId)
                    .OrderByDescending(e => e.StartedAt).ThenByDescending(e => e.Id).ToList();
            }
        }
        else
        {
            snapshot = [];
        }

        return Task.FromResult(KeysetPager.Paginate(snapshot, page, e => (e.StartedAt, e.Id), ascending: false));
    }
}
