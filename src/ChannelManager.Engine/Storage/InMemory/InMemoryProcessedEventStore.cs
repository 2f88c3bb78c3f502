using System.Collections.Concurrent;
using ChannelManager.Events;

namespace ChannelManager.Engine.Storage.InMemory;

/// <summary>The embedded-default record of handled event ids, bounded to the most recent ids.</summary>
internal sealed class InMemoryProcessedEventStore : IProcessedEventStore
{
    private const int Capacity = 1_000_000;
    private readonly ConcurrentDictionary<Guid, byte> _ids = new();
    private readonly ConcurrentQueue<Guid> _order = new();

    public Task<bool> IsProcessedAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_ids.ContainsKey(eventId));

    public Task<bool> MarkProcessedAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        if (!_ids.TryAdd(eventId, 0))
        {
            return Task.FromResult(false);
        }

        _order.Enqueue(eventId);
        while (_ids.Count > Capacity && _order.TryDequeue(out var old))
        {
            _ids.TryRemove(old, out _);
        }

        return Task.FromResult(true);
    }
}
