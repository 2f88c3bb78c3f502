using System.Collections.Concurrent;

namespace ChannelManager.Adapters.ICal.Import;

/// <summary>
/// Keeps each connection's <see cref="ICalImportState"/>. The default keeps it in memory: after a restart the first
/// import sees every event as new again (re-imported idempotently), and events that vanished while the process was
/// down are not cancelled. Register a durable implementation before <c>AddICal</c> to close that gap.
/// </summary>
public interface IICalImportStateStore
{
    /// <summary>Gets a connection's state.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The state, or <see langword="null"/> before the first import.</returns>
    ValueTask<ICalImportState?> GetAsync(Guid connectionId, CancellationToken cancellationToken = default);

    /// <summary>Replaces a connection's state.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="state">The new state.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SaveAsync(Guid connectionId, ICalImportState state, CancellationToken cancellationToken = default);
}

/// <summary>The in-memory <see cref="IICalImportStateStore"/>.</summary>
internal sealed class InMemoryICalImportStateStore : IICalImportStateStore
{
    private readonly ConcurrentDictionary<Guid, ICalImportState> _states = new();

    public ValueTask<ICalImportState?> GetAsync(Guid connectionId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_states.TryGetValue(connectionId, out var s) ? s : null);

    public ValueTask SaveAsync(Guid connectionId, ICalImportState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        _states[connectionId] = state;
        return ValueTask.CompletedTask;
    }
}
