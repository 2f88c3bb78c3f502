namespace ChannelManager.Engine.Sync;

/// <summary>
/// Serializes the pushes (and pulls) of one connection across worker processes. Within a process the dirty-range
/// queue already hands a connection to one dispatcher at a time; across processes two workers could otherwise each
/// read the ledger and push, and the push that read the older state could land last (its request slower, or retried
/// after a 429 or a timeout), leaving the platform behind the ledger with no dirty mark left to repair it — found by the
/// chaos run. Holding the lock from the ledger read to the platform's answer makes the later push read the newer state.
/// </summary>
internal interface IConnectionPushLock
{
    /// <summary>Waits for the connection's lock; disposing the result releases it.</summary>
    /// <param name="tenantId">The connection's tenant.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The held lock.</returns>
    Task<IAsyncDisposable> AcquireAsync(string tenantId, Guid connectionId, CancellationToken cancellationToken);
}
