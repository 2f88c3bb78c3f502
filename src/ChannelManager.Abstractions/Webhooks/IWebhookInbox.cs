using ChannelManager.Connections;

namespace ChannelManager.Webhooks;

/// <summary>
/// Stores verified webhooks before they are acknowledged to the platform, deduplicated by platform + key, so that
/// a webhook delivered twice is processed once and a crash loses none.
/// </summary>
public interface IWebhookInbox
{
    /// <summary>Adds an entry unless one with the same platform and dedupe key exists.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when added; <see langword="false"/> for a duplicate.</returns>
    Task<bool> TryAddAsync(WebhookInboxEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Pending entries that are due (their next attempt is not after <paramref name="now"/>), oldest first.</summary>
    /// <param name="max">At most this many.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<WebhookInboxEntry>> GetDueAsync(int max, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Marks an entry processed, attributed to the tenant whose connection took it.</summary>
    /// <param name="id">The entry.</param>
    /// <param name="tenantId">The tenant of the connection that processed it; <see langword="null"/> when none did (dropped).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when recorded.</returns>
    Task MarkProcessedAsync(Guid id, string? tenantId, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt; the entry stays pending until <paramref name="nextAttemptAt"/>.</summary>
    /// <param name="id">The entry.</param>
    /// <param name="error">What failed (no secrets).</param>
    /// <param name="nextAttemptAt">When to try again.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when recorded.</returns>
    Task MarkFailedAsync(Guid id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Parks a pending entry for an unmapped reservation: it is not retried with backoff but waits until
    /// <paramref name="recheckAt"/>, or until <see cref="RequeueParkedAsync"/> wakes it.
    /// </summary>
    /// <param name="id">The entry.</param>
    /// <param name="unmappedReservationId">The unmapped reservation it waits for.</param>
    /// <param name="reason">Why (no secrets, no guest data).</param>
    /// <param name="recheckAt">When to look again anyway.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when recorded.</returns>
    Task ParkAsync(Guid id, Guid unmappedReservationId, string reason, DateTimeOffset recheckAt, CancellationToken cancellationToken = default);

    /// <summary>Makes the pending entries parked for an unmapped reservation due now.</summary>
    /// <param name="unmappedReservationId">The unmapped reservation.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many entries were requeued.</returns>
    Task<int> RequeueParkedAsync(Guid unmappedReservationId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>How many entries are pending per platform.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The backlog per platform.</returns>
    Task<IReadOnlyDictionary<Platform, int>> GetBacklogAsync(CancellationToken cancellationToken = default);
}
