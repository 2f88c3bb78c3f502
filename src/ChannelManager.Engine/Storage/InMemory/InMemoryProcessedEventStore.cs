using System.Collections.Concurrent;
using ChannelManager.Events;

namespace ChannelManager.Engine.Storage.InMemory;

/// <summary>The embedded-default record of handled event ids, bounded to the most recent ids.</summary>
/// <remarks>
/// The size is kept in its own counter: <see cref="ConcurrentDictionary{TKey, TValue}.Count"/> takes every bucket
/// lock, which cost tens of microseconds per event and stalled the other consumers once the store held many ids.
/// </remarks>
internal sealed class InMemoryProcessedEventStore : IProcessedEventStore
{
    private const int DefaultCapacity = 1_000_000;
    private readonly ConcurrentDictionary<Guid, byte> _ids = new();
    private readonly ConcurrentQueue<Guid> _order = new();
    private readonly int _capacity;
    private int _count;

    public InMemoryProcessedEventStore()
        : this(DefaultCapacity)
    {
    }

    internal InMemoryProcessedEventStore(int capacity) => _capacity = capacity;

    public Task<bool> IsProcessedAsync(Guid eventId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_ids.ContainsKey(eventId));

    public Task<bool> MarkProcessedAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        if (!_ids.TryAdd(eventId, 0))
        {
            return Task.FromResult(false);
        }

        _order.Enqueue(eventId);
        if (Interlocked.Increment(ref _count) > _capacity)
        {
            while (Volatile.Read(ref _count) > _capacity && _order.TryDequeue(out var old))
            {
                if (_ids.TryRemove(old, out _))
                {
                    Interlocked.Decrement(ref _count);
                }
            }
        }

        return Task.FromResult(true);
    }
}
