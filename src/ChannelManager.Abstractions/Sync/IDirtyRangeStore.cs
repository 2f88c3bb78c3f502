namespace ChannelManager.Sync;

/// <summary>
/// Persists the nights still to be pushed per connection, so that a crash between applying an event and pushing
/// its nights loses no push: on start the dispatcher reloads every mark not yet cleared.
/// </summary>
public interface IDirtyRangeStore
{
    /// <summary>Stores marks (in one round trip).</summary>
    /// <param name="marks">The marks.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The sequence number assigned to each mark, in the order of <paramref name="marks"/>.</returns>
    Task<IReadOnlyList<long>> AddAsync(IReadOnlyList<DirtyMark> marks, CancellationToken cancellationToken = default);

    /// <summary>Every mark not yet cleared, in sequence order.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The marks.</returns>
    Task<IReadOnlyList<StoredDirtyMark>> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the given marks of a connection (after a successful push of them). Unknown sequence numbers are ignored.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="sequences">The sequence numbers the push covered.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the marks are removed.</returns>
    Task ClearAsync(string tenantId, Guid connectionId, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken = default);

    /// <summary>Removes every mark of a connection (deleted or paused: nothing is to be pushed).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the marks are removed.</returns>
    Task ClearAllAsync(string tenantId, Guid connectionId, CancellationToken cancellationToken = default);
}
