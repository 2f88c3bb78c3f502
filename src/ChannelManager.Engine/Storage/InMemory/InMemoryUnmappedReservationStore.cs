using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Unmapped;

namespace ChannelManager.Engine.Storage.InMemory;

/// <summary>The embedded-default unmapped-reservation store.</summary>
internal sealed class InMemoryUnmappedReservationStore : IUnmappedReservationStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, UnmappedReservation> _records = [];

    public Task<UnmappedReservationSighting> RecordSightingAsync(UnmappedReservation sighting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sighting);
        lock (_lock)
        {
            if (!_records.TryGetValue(sighting.Id, out var current))
            {
                var added = sighting with { State = UnmappedReservationState.Open, TimesSeen = 1, ClosedAt = null, ImportedConnectionId = null };
                _records[added.Id] = added;
                return Task.FromResult(new UnmappedReservationSighting(added, Opened: true));
            }

            var reopened = current.State == UnmappedReservationState.Imported;
            var seen = current with
            {
                LastSeenAt = sighting.LastSeenAt > current.LastSeenAt ? sighting.LastSeenAt : current.LastSeenAt,
                TimesSeen = current.TimesSeen + 1,
                Reservation = sighting.Reservation ?? current.Reservation,
                ParentListingId = current.ParentListingId ?? sighting.ParentListingId,
                TenantId = current.TenantId ?? sighting.TenantId,
                FetchedViaConnectionId = sighting.FetchedViaConnectionId ?? current.FetchedViaConnectionId,
                State = reopened ? UnmappedReservationState.Open : current.State,
                ClosedAt = reopened ? null : current.ClosedAt,
                ImportedConnectionId = reopened ? null : current.ImportedConnectionId,
            };
            _records[seen.Id] = seen;
            return Task.FromResult(new UnmappedReservationSighting(seen, reopened));
        }
    }

    public Task<UnmappedReservation?> GetAsync(string? tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_records.TryGetValue(id, out var r) && Visible(r, tenantId) ? r : null);
        }
    }

    public Task<Page<UnmappedReservation>> ListAsync(string? tenantId, UnmappedReservationQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        List<UnmappedReservation> sorted;
        lock (_lock)
        {
            sorted = _records.Values
                .Where(r => Visible(r, tenantId) && (query.Platform is null || r.Platform == query.Platform) && (query.State is null || r.State == query.State))
                .OrderByDescending(r => r.FirstSeenAt).ThenByDescending(r => r.Id)
                .ToList();
        }

        return Task.FromResult(KeysetPager.Paginate(sorted, page, r => (r.FirstSeenAt, r.Id), ascending: false));
    }

    public Task<IReadOnlyList<UnmappedReservation>> ListOpenForListingsAsync(Platform platform, IReadOnlyCollection<string> listingIds, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listingIds);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<UnmappedReservation>>(_records.Values
                .Where(r => r.State == UnmappedReservationState.Open && r.Platform == platform && listingIds.Contains(r.ListingId))
                .OrderBy(r => r.FirstSeenAt).ThenBy(r => r.Id)
                .Take(max)
                .ToList());
        }
    }

    public Task<bool> MarkImportedAsync(Guid id, ChannelConnection connection, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (_lock)
        {
            if (!_records.TryGetValue(id, out var r) || r.State != UnmappedReservationState.Open)
            {
                return Task.FromResult(false);
            }

            _records[id] = r with { State = UnmappedReservationState.Imported, ClosedAt = at, ImportedConnectionId = connection.Id, TenantId = connection.TenantId };
            return Task.FromResult(true);
        }
    }

    public Task<UnmappedReservation?> DismissAsync(string? tenantId, Guid id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_records.TryGetValue(id, out var r) || !Visible(r, tenantId))
            {
                return Task.FromResult<UnmappedReservation?>(null);
            }

            if (r.State == UnmappedReservationState.Open)
            {
                r = r with { State = UnmappedReservationState.Dismissed, ClosedAt = at };
                _records[id] = r;
            }

            return Task.FromResult<UnmappedReservation?>(r);
        }
    }

    private static bool Visible(UnmappedReservation r, string? tenantId) => tenantId is null || r.TenantId == tenantId;
}
