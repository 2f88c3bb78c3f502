using ChannelManager.Common;

namespace ChannelManager.Sync;

/// <summary>Persists sync-log rows.</summary>
public interface ISyncLogStore
{
    /// <summary>Appends a row.</summary>
    /// <param name="entry">The row.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the row is stored.</returns>
    Task AppendAsync(SyncLogEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Lists a connection's rows, newest first.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="page">Which page.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One page of rows.</returns>
    Task<Page<SyncLogEntry>> ListAsync(string tenantId, Guid connectionId, PageRequest page, CancellationToken cancellationToken = default);
}
