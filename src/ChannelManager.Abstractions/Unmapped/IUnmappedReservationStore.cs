using ChannelManager.Common;
using ChannelManager.Connections;

namespace ChannelManager.Unmapped;

/// <summary>
/// Where unmapped reservations are kept, one record per id (platform + listing + dedupe key). Reads take a tenant;
/// <see langword="null"/> reads across all tenants and is meant only for the host's operators.
/// </summary>
public interface IUnmappedReservationStore
{
    /// <summary>
    /// Records a sighting: adds the record if its id is new; otherwise counts it (times seen, last seen), keeps the newest
    /// reservation and an attribution the record lacked, and reopens an imported record (its listing lost its
    /// connection). A dismissed record stays dismissed.
    /// </summary>
    /// <param name="sighting">The record as this sighting sees it (first seen = last seen = now, seen once).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record as stored, and whether this sighting opened it.</returns>
    Task<UnmappedReservationSighting> RecordSightingAsync(UnmappedReservation sighting, CancellationToken cancellationToken = default);

    /// <summary>One record.</summary>
    /// <param name="tenantId">The tenant it must be attributed to; <see langword="null"/> for any (operators).</param>
    /// <param name="id">Its id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    Task<UnmappedReservation?> GetAsync(string? tenantId, Guid id, CancellationToken cancellationToken = default);

    /// <summary>Records, most recently first seen first, paged by the <c>(first seen, id)</c> keyset or by offset.</summary>
    /// <param name="tenantId">The tenant; <see langword="null"/> for all (operators).</param>
    /// <param name="query">Filters.</param>
    /// <param name="page">Paging.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One page.</returns>
    Task<Page<UnmappedReservation>> ListAsync(string? tenantId, UnmappedReservationQuery query, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>The open records of some listings of one platform (any tenant), oldest first.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="listingIds">The listings.</param>
    /// <param name="max">At most this many.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The records.</returns>
    Task<IReadOnlyList<UnmappedReservation>> ListOpenForListingsAsync(Platform platform, IReadOnlyCollection<string> listingIds, int max, CancellationToken cancellationToken = default);

    /// <summary>Marks an open record imported under a connection (attributing it to that connection's tenant).</summary>
    /// <param name="id">The record.</param>
    /// <param name="connection">The connection the booking was stored under.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> if an open record changed.</returns>
    Task<bool> MarkImportedAsync(Guid id, ChannelConnection connection, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Dismisses an open record (a dismissed one stays as it is).</summary>
    /// <param name="tenantId">The tenant it must be attributed to; <see langword="null"/> for any (operators).</param>
    /// <param name="id">The record.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record as it now is (possibly imported, which a dismissal does not change), or <see langword="null"/>.</returns>
    Task<UnmappedReservation?> DismissAsync(string? tenantId, Guid id, DateTimeOffset at, CancellationToken cancellationToken = default);
}
