using ChannelManager.Connections;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Engine.Connections;

/// <summary>
/// <see cref="IChannelCredentialsStore"/> over <see cref="IChannelConnectionStore"/>: a save replaces only the
/// credentials, with the optimistic-concurrency loop the engine's other connection updates use (read, change,
/// update if the version is unchanged, retry). Logs name connections, never credentials.
/// </summary>
internal sealed class ChannelCredentialsStore(
    IChannelConnectionStore connections,
    TimeProvider timeProvider,
    ILogger<ChannelCredentialsStore> logger) : IChannelCredentialsStore
{
    /// <summary>How many times a save is tried when the connection changes concurrently.</summary>
    internal const int MaxAttempts = 5;

    public async Task<ChannelCredentials?> GetAsync(string tenantId, Guid connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var connection = await connections.GetAsync(tenantId, connectionId, cancellationToken).ConfigureAwait(false);
        return connection is { DeletedAt: null } ? connection.Credentials : null;
    }

    public async Task<bool> SaveAsync(string tenantId, Guid connectionId, ChannelCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(credentials);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await connections.GetAsync(tenantId, connectionId, cancellationToken).ConfigureAwait(false);
            if (current is not { DeletedAt: null })
            {
                logger.LogWarning("Refreshed credentials of connection {ConnectionId} were not stored: the connection no longer exists", connectionId);
                return false;
            }

            var changed = current with { Credentials = credentials, Version = current.Version + 1, UpdatedAt = timeProvider.GetUtcNow() };
            if (await connections.UpdateAsync(changed, current.Version, cancellationToken).ConfigureAwait(false))
            {
                logger.LogDebug("Stored refreshed credentials of connection {ConnectionId} (version {Version})", connectionId, changed.Version);
                return true;
            }
        }

        logger.LogWarning("Refreshed credentials of connection {ConnectionId} were not stored: it changed concurrently {Attempts} times", connectionId, MaxAttempts);
        return false;
    }
}
