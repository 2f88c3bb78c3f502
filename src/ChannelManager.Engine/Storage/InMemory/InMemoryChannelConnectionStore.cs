using System.Collections.Concurrent;
using ChannelManager.Common;
using ChannelManager.Connections;

namespace ChannelManager.Engine.Storage.InMemory;

/// <summary>The embedded-default connection store: process memory, thread-safe, tenant-scoped.</summary>
internal sealed class InMemoryChannelConnectionStore : IChannelConnectionStore
{
    private readonly ConcurrentDictionary<Guid, ChannelConnection> _byId = new();
    private readonly Lock _writes = new();

    // Syncable connections per property, read on every event's fan-out; rebuilt lazily after a write touches the
    // property (enumerating _byId takes all its locks, which the hot path must not do).
    // The completed task itself is cached: the engine asks once per event, and a cached answer then costs no allocation.
    private readonly ConcurrentDictionary<(string Tenant, Guid Property), Task<IReadOnlyList<ChannelConnection>>> _syncableByProperty = new();

    public Task AddAsync(ChannelConnection connection, CancellationToken cancellationToken = default)
    {
        lock (_writes)
        {
            // One live connection per platform listing, checked atomically with the insert.
            if (_byId.Values.Any(c => c.DeletedAt is null && c.Platform == connection.Platform && c.PlatformListingId == connection.PlatformListingId))
            {
                throw new ResourceConflictException($"The {connection.Platform.ToWireName()} listing '{connection.PlatformListingId}' is already connected.");
            }

            if (!_byId.TryAdd(connection.Id, connection))
            {
                throw new ResourceConflictException($"A connection with id '{connection.Id}' already exists.");
            }

            _syncableByProperty.TryRemove((connection.TenantId, connection.PropertyId), out _);
        }

        return Task.CompletedTask;
    }

    public Task<ChannelConnection?> GetAsync(string tenantId, Guid id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byId.TryGetValue(id, out var c) && c.TenantId == tenantId ? c : null);

    public Task<bool> UpdateAsync(ChannelConnection connection, long expectedVersion, CancellationToken cancellationToken = default)
    {
        lock (_writes)
        {
            if (!_byId.TryGetValue(connection.Id, out var current) || current.TenantId != connection.TenantId || current.Version != expectedVersion)
            {
                return Task.FromResult(false);
            }

            if (connection.DeletedAt is null && connection.PlatformListingId != current.PlatformListingId
                && _byId.Values.Any(c => c.Id != connection.Id && c.DeletedAt is null && c.Platform == connection.Platform && c.PlatformListingId == connection.PlatformListingId))
            {
                throw new ResourceConflictException($"The {connection.Platform.ToWireName()} listing '{connection.PlatformListingId}' is already connected.");
            }

            var updated = _byId.TryUpdate(connection.Id, connection, current);
            _syncableByProperty.TryRemove((current.TenantId, current.PropertyId), out _);
            _syncableByProperty.TryRemove((connection.TenantId, connection.PropertyId), out _);
            return Task.FromResult(updated);
        }
    }

    public Task<Page<ChannelConnection>> ListAsync(ChannelConnectionQuery query, CancellationToken cancellationToken = default)
    {
        var page = query.Page ?? new PageRequest();
        var matching = _byId.Values
            .Where(c => c.TenantId == query.TenantId && c.DeletedAt is null)
            .Where(c => query.PropertyId is null || c.PropertyId == query.PropertyId)
            .Where(c => query.Platform is null || c.Platform == query.Platform)
            .Where(c => query.Status is null || c.Status == query.Status)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ToList();
        return Task.FromResult(KeysetPager.Paginate(matching, page, c => (c.CreatedAt, c.Id), ascending: true));
    }

    public Task<IReadOnlyList<ChannelConnection>> GetSyncableForPropertyAsync(string tenantId, Guid propertyId, CancellationToken cancellationToken = default)
    {
        if (_syncableByProperty.TryGetValue((tenantId, propertyId), out var cached))
        {
            return cached;
        }

        lock (_writes)
        {
            // Built under the write lock, so no write can slip between reading the connections and caching them.
            var list = _byId.Values
                .Where(c => c.TenantId == tenantId && c.PropertyId == propertyId && c.IsSyncable)
                .OrderBy(c => c.CreatedAt)
                .ToArray();
            var answer = Task.FromResult<IReadOnlyList<ChannelConnection>>(list);
            _syncableByProperty[(tenantId, propertyId)] = answer;
            return answer;
        }
    }

    public Task<IReadOnlyList<ChannelConnection>> ListSyncableAsync(Guid? afterId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ChannelConnection>>(_byId.Values
            .Where(c => c.IsSyncable && (afterId is null || c.Id.CompareTo(afterId.Value) > 0))
            .OrderBy(c => c.Id)
            .Take(Math.Max(0, limit))
            .ToArray());

    public Task<ChannelConnection?> FindBySubListingOfAsync(Platform platform, string parentListingId, CancellationToken cancellationToken = default)
    {
        var prefix = parentListingId + ":";
        return Task.FromResult(_byId.Values
            .Where(c => c.Platform == platform && c.PlatformListingId.StartsWith(prefix, StringComparison.Ordinal) && c.DeletedAt is null)
            .OrderByDescending(c => c.IsSyncable)
            .ThenBy(c => c.CreatedAt)
            .ThenBy(c => c.Id)
            .FirstOrDefault());
    }

    public Task<ChannelConnection?> FindByListingAsync(Platform platform, string platformListingId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byId.Values
            .Where(c => c.Platform == platform && c.PlatformListingId == platformListingId && c.DeletedAt is null)
            .OrderByDescending(c => c.IsSyncable)
            .ThenBy(c => c.CreatedAt)
            .FirstOrDefault());
}
