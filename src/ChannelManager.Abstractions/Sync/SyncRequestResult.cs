using ChannelManager.Inventory;

namespace ChannelManager.Sync;

/// <summary>The answer to a manual sync request: what was queued.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="SyncType">What was requested.</param>
/// <param name="JobId">An id for the queued work, written as the sync logs' trigger.</param>
/// <param name="Range">The nights that will be pushed, for ARI syncs.</param>
/// <param name="Status">Always <c>queued</c>: the work happens in the background.</param>
public sealed record SyncRequestResult(Guid ConnectionId, SyncType SyncType, Guid JobId, DateRange? Range, string Status = "queued");
