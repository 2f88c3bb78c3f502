namespace ChannelManager.Connections;

/// <summary>
/// Reads a connection's current credentials and stores refreshed ones: the one way an adapter that refreshes OAuth
/// tokens (e.g. Airbnb's) reaches the stored connection, since adapters never see the engine or its stores. The
/// engine registers an implementation over <see cref="IChannelConnectionStore"/>; an adapter works without one (it
/// then uses the credentials of the <see cref="ChannelConnection"/> it is given and keeps refreshed ones in memory).
/// Implementations never log or return credentials in messages.
/// </summary>
public interface IChannelCredentialsStore
{
    /// <summary>Reads the credentials a connection has now (fresher than a <see cref="ChannelConnection"/> read earlier).</summary>
    /// <param name="tenantId">The tenant that owns the connection.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The credentials, or <see langword="null"/> when the tenant has no such connection (or it was deleted).</returns>
    Task<ChannelCredentials?> GetAsync(string tenantId, Guid connectionId, CancellationToken cancellationToken = default);

    /// <summary>Replaces a connection's credentials (e.g. after an access-token refresh), whatever else changed on it meanwhile.</summary>
    /// <param name="tenantId">The tenant that owns the connection.</param>
    /// <param name="connectionId">The connection.</param>
    /// <param name="credentials">The new credentials.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Whether they were stored (false: no such connection, or it kept changing concurrently).</returns>
    Task<bool> SaveAsync(string tenantId, Guid connectionId, ChannelCredentials credentials, CancellationToken cancellationToken = default);
}
