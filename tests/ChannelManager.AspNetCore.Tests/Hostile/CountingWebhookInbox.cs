using System.Collections.Concurrent;
using ChannelManager.Connections;
using ChannelManager.Webhooks;

namespace ChannelManager.AspNetCore.Tests.Hostile;

/// <summary>Wraps the host's inbox and remembers every entry it stored, so a test can prove a refusal stored nothing.</summary>
public sealed class CountingWebhookInbox(IWebhookInbox inner) : IWebhookInbox
{
    private readonly ConcurrentQueue<WebhookInboxEntry> _stored = new();

    public IReadOnlyList<WebhookInboxEntry> Stored => _stored.ToArray();

    public async Task<bool> TryAddAsync(WebhookInboxEntry entry, CancellationToken cancellationToken = default)
    {
        var added = await inner.TryAddAsync(entry, cancellationToken);
        if (added)
        {
            _stored.Enqueue(entry);
        }

        return added;
    }

    public Task<IReadOnlyList<WebhookInboxEntry>> GetDueAsync(int max, DateTimeOffset now, CancellationToken cancellationToken = default) => inner.GetDueAsync(max, now, cancellationToken);

    public Task MarkProcessedAsync(Guid id, string? tenantId, CancellationToken cancellationToken = default) => inner.MarkProcessedAsync(id, tenantId, cancellationToken);

    public Task MarkFailedAsync(Guid id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) => inner.MarkFailedAsync(id, error, nextAttemptAt, cancellationToken);

    public Task<IReadOnlyDictionary<Platform, int>> GetBacklogAsync(CancellationToken cancellationToken = default) => inner.GetBacklogAsync(cancellationToken);

    public Task ParkAsync(Guid id, Guid unmappedReservationId, string reason, DateTimeOffset recheckAt, CancellationToken cancellationToken = default) =>
        inner.ParkAsync(id, unmappedReservationId, reason, recheckAt, cancellationToken);

    public Task<int> RequeueParkedAsync(Guid unmappedReservationId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.RequeueParkedAsync(unmappedReservationId, now, cancellationToken);
}
