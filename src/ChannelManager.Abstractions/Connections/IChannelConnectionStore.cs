using ChannelManager.Common;

namespace ChannelManager.Connections;

/// <summary>Persists channel connections. Every read and write is scoped to one tenant.</summary>
public interface IChannelConnectionStore
{
    /// <summary>Adds a new connection.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the connection is stored.</returns>
    Task AddAsync(ChannelConnection connection, CancellationToken cancellationToken = default);

    /// <summary>Gets a connection of a tenant, including a soft-deleted one.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="id">The connection id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The connection, or <see langword="null"/> when the tenant has none with that id.</returns>
    Task<ChannelConnection?> GetAsync(string tenantId, Guid id, CancellationToken cancellationToken = default);

    /// <summary>Replaces a connection if its stored version equals <paramref name="expectedVersion"/>.</summary>
    /// <param name="connection">The new state (its <see cref="ChannelConnection.Version"/> must be <paramref name="expectedVersion"/> + 1).</param>
    /// <param name="expectedVersion">The version the change was based on.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the update was applied (false: missing, or changed concurrently).</returns>
    Task<bool> UpdateAsync(ChannelConnection connection, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's connections that are not soft-deleted, ordered by creation.</summary>
    /// <param name="query">Filters and paging.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One page of connections.</returns>
    Task<Page<ChannelConnection>> ListAsync(ChannelConnectionQuery query, CancellationToken cancellationToken = default);

    /// <summary>All syncable connections of a property (not deleted, not paused).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="propertyId">The property.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The connections.</returns>
    Task<IReadOnlyList<ChannelConnection>> GetSyncableForPropertyAsync(string tenantId, Guid propertyId, CancellationToken cancellationToken = default);

    /// <summary>Finds the syncable connection of a platform listing (for inbound webhooks, which know only the listing).</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="platformListingId">The listing id on the platform.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The connection, or <see langword="null"/> when no active connection has that listing.</returns>
    Task<ChannelConnection?> FindByListingAsync(Platform platform, string platformListingId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds a connection of one of a parent listing's sub-listings, whose ids are written <c>{parent}:{child}</c>
    /// (Booking.com: <c>{hotel}:{room}</c>), for inbound webhooks that name only the parent (a hotel). Not
    /// soft-deleted; syncable ones first, then the oldest.
    /// </summary>
    /// <param name="platform">The platform.</param>
    /// <param name="parentListingId">The parent listing id (without the colon).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The connection, or <see langword="null"/> when no live connection has a sub-listing of that parent.</returns>
    Task<ChannelConnection?> FindBySubListingOfAsync(Platform platform, string parentListingId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Syncable connections of every tenant, in id order, a page at a time: for background work that visits each
    /// connection (calendar reconciliation). Never exposed through the API.
    /// </summary>
    /// <param name="afterId">The last id of the previous page, or <see langword="null"/> for the first page.</param>
    /// <param name="limit">The most connections to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page; fewer than <paramref name="limit"/> means it is the last.</returns>
    Task<IReadOnlyList<ChannelConnection>> ListSyncableAsync(Guid? afterId, int limit, CancellationToken cancellationToken = default);
}
