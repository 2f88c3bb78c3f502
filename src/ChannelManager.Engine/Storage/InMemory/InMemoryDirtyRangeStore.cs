using ChannelManager.Sync;

namespace ChannelManager.Engine.Storage.InMemory;

/// <summary>The embedded-default dirty-range store: keeps marks in memory until cleared (lost with the process, like everything embedded).</summary>
internal sealed class InMemoryDirtyRangeStore : IDirtyRangeStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, DirtyMark> _marks = [];
    private long _sequence;

    public Task<IReadOnlyList<long>> AddAsync(IReadOnlyList<DirtyMark> marks, CancellationToken cancellationToken = default)
    {
        var sequences = new long[marks.Count];
        lock (_gate)
        {
            for (var i = 0; i < marks.Count; i++)
            {
                sequences[i] = ++_sequence;
                _marks[sequences[i]] = marks[i];
            }
        }

        return Task.FromResult<IReadOnlyList<long>>(sequences);
    }

    public Task<IReadOnlyList<StoredDirtyMark>> LoadAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StoredDirtyMark>>(_marks.Select(kv => new StoredDirtyMark(kv.Key, kv.Value)).ToList());
        }
    }

    public Task ClearAsync(string tenantId, Guid connectionId, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var s in sequences)
            {
                if (_marks.TryGetValue(s, out var m) && m.ConnectionId == connectionId && m.TenantId == tenantId)
                {
                    _marks.Remove(s);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task ClearAllAsync(string tenantId, Guid connectionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var s in _marks.Where(kv => kv.Value.ConnectionId == connectionId && kv.Value.TenantId == tenantId).Select(kv => kv.Key).ToList())
            {
                _marks.Remove(s);
            }
        }

        return Task.CompletedTask;
    }
}
