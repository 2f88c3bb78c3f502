using System.Collections.Concurrent;
using ChannelManager.Common;
using ChannelManager.Conflicts;

namespace ChannelManager.Engine.Storage.InMemory;

/// <summary>The embedded-default conflict store.</summary>
internal sealed class InMemoryConflictStore : IConflictStore
{
    private readonly ConcurrentDictionary<(string TenantId, Guid Id), OverbookingConflict> _conflicts = new();

    public Task<bool> AddIfAbsentAsync(OverbookingConflict conflict, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        return Task.FromResult(_conflicts.TryAdd((conflict.TenantId, conflict.Id), conflict));
    }

    public Task<OverbookingConflict?> GetAsync(string tenantId, Guid id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_conflicts.GetValueOrDefault((tenantId, id)));

    public Task<Page<OverbookingConflict>> ListAsync(string tenantId, ConflictQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        var sorted = _conflicts.Values
            .Where(c => c.TenantId == tenantId && (query.PropertyId is null || c.PropertyId == query.PropertyId) && (query.Open is null || c.IsOpen == query.Open))
            .OrderByDescending(c => c.DetectedAt).ThenByDescending(c => c.Id)
            .ToList();
        return Task.FromResult(KeysetPager.Paginate(sorted, page, c => (c.DetectedAt, c.Id), ascending: false));
    }

    public Task<OverbookingConflict?> ResolveAsync(string tenantId, Guid id, DateTimeOffset resolvedAt, string? resolution, CancellationToken cancellationToken = default)
    {
        while (_conflicts.TryGetValue((tenantId, id), out var current))
        {
            if (!current.IsOpen)
            {
                return Task.FromResult<OverbookingConflict?>(current);
            }

            var resolved = current with { ResolvedAt = resolvedAt, Resolution = resolution };
            if (_conflicts.TryUpdate((tenantId, id), resolved, current))
            {
                return Task.FromResult<OverbookingConflict?>(resolved);
            }
        }

        return Task.FromResult<OverbookingConflict?>(null);
    }
}
