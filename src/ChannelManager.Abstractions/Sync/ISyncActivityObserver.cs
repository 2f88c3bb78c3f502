using ChannelManager.Connections;
using ChannelManager.Events;

namespace ChannelManager.Sync;

/// <summary>
/// Implemented by the host to be told of sync activity as it happens in this process (a live status page, a push to an
/// operator's tool): each sync-log row written, each change of a connection (created, changed, deleted, its status,
/// last sync or last error moved), each event dead-lettered or replayed. Register any number. Observers are called
/// inline after the change is stored, so they must return quickly (hand the work to a queue); a failing observer is
/// logged and does not stop the others or the sync. Nothing is retried: a crash between the store and the call leaves
/// the change stored but unannounced. With several worker processes, each process announces only its own activity.
/// </summary>
public interface ISyncActivityObserver
{
    /// <summary>A sync-log row was written.</summary>
    /// <param name="entry">The row (its error carries no secret).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the observer has handled it.</returns>
    Task OnSyncLoggedAsync(SyncLogEntry entry, CancellationToken cancellationToken = default);

    /// <summary>A connection was created or changed (including a soft delete: <see cref="ChannelConnection.DeletedAt"/> is set).</summary>
    /// <param name="connection">The connection as stored. It holds the platform tokens: never pass them on.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the observer has handled it.</returns>
    Task OnConnectionChangedAsync(ChannelConnection connection, CancellationToken cancellationToken = default);

    /// <summary>An event was set aside as a dead letter.</summary>
    /// <param name="deadLetter">The dead letter.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the observer has handled it.</returns>
    Task OnDeadLetteredAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default);

    /// <summary>A dead letter was replayed (published again and removed from the dead letters).</summary>
    /// <param name="deadLetter">The dead letter as it was before the replay.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the observer has handled it.</returns>
    Task OnDeadLetterReplayedAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default);
}
