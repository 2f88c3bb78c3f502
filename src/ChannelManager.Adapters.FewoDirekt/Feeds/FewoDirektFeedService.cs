using ChannelManager.Adapters.FewoDirekt.Api;
using ChannelManager.Adapters.Shared.Feeds;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.FewoDirekt.Feeds;

/// <summary>The two documents rendered from one ledger read of a unit.</summary>
/// <param name="UnitAvailability">The <c>unitAvailabilityContent</c>.</param>
/// <param name="LodgingRate">The <c>lodgingRateContent</c>.</param>
/// <param name="NightsWithoutCurrency">Nights whose rate was left out because no currency is known.</param>
internal sealed record FewoUnitDocuments(FewoFeedDocument UnitAvailability, FewoFeedDocument LodgingRate, int NightsWithoutCurrency);

/// <summary>
/// Renders the feeds Vrbo pulls, on request, from the ledger's current state (nothing is pushed): the advertisers index
/// over every tenant's FeWo-direkt connections, each advertiser's four indexes, and each connection's content. A
/// content document is rendered from exactly one connection's property; an advertiser id belongs to the tenant of its
/// earliest connection, and connections of other tenants that claim it are left out of the indexes. Every document's
/// <c>Last-Modified</c> (and the <c>lastUpdatedDate</c> the indexes give for it) is when its current content was first
/// served, so it moves exactly when the content changes.
/// </summary>
internal sealed class FewoDirektFeedService(
    IChannelConnectionStore connections,
    IInventoryLedger ledger,
    IOptions<FewoDirektOptions> options,
    TimeProvider timeProvider,
    ILogger<FewoDirektFeedService> logger)
{
    private const int PageSize = 500;
    private readonly FeedContentVersions _versions = new();

    /// <summary>Every syncable FeWo-direkt connection set up for the feeds, by advertiser (ordinal order), each advertiser's connections of one tenant only.</summary>
    public async Task<SortedDictionary<string, List<(ChannelConnection Connection, FewoDirektTarget Target)>>> ConnectionsByAdvertiserAsync(CancellationToken cancellationToken)
    {
        var all = new List<(ChannelConnection Connection, FewoDirektTarget Target)>();
        Guid? after = null;
        while (true)
        {
            var page = await connections.ListSyncableAsync(after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var connection in page)
            {
                if (connection.Platform == Platform.FewoDirekt && connection.IsSyncable && FewoDirektTarget.TryOf(connection) is { } target)
                {
                    all.Add((connection, target));
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Id;
        }

        var result = new SortedDictionary<string, List<(ChannelConnection, FewoDirektTarget)>>(StringComparer.Ordinal);
        foreach (var group in all.GroupBy(c => c.Target.AdvertiserId, StringComparer.Ordinal))
        {
            var owner = group.OrderBy(c => c.Connection.CreatedAt).ThenBy(c => c.Connection.Id).First().Connection.TenantId;
            var foreign = group.Count(c => c.Connection.TenantId != owner);
            if (foreign > 0)
            {
                logger.LogWarning("FeWo-direkt advertiser {AdvertiserId} is claimed by connections of more than one tenant; {Count} connection(s) of other tenants are left out of its feeds", group.Key, foreign);
            }

            result[group.Key] = group.Where(c => c.Connection.TenantId == owner)
                .OrderBy(c => c.Target.ListingId, StringComparer.Ordinal).ThenBy(c => c.Target.UnitId, StringComparer.Ordinal).ToList();
        }

        return result;
    }

    /// <summary>The advertisers index.</summary>
    public async Task<FewoFeedDocument> AdvertisersAsync(Uri feedBase, CancellationToken cancellationToken)
    {
        var advertisers = await ConnectionsByAdvertiserAsync(cancellationToken).ConfigureAwait(false);
        var content = FewoContentWriter.Advertisers(advertisers.Keys, (advertiser, kind) => Url(feedBase, FewoDirektWire.IndexPath(advertiser, kind)));
        return Versioned("advertisers", content);
    }

    /// <summary>An advertiser's index of one kind, or <see langword="null"/> for an unknown advertiser.</summary>
    public async Task<FewoFeedDocument?> IndexAsync(FewoFeedKind kind, string advertiserId, Uri feedBase, CancellationToken cancellationToken)
    {
        var advertisers = await ConnectionsByAdvertiserAsync(cancellationToken).ConfigureAwait(false);
        if (!advertisers.TryGetValue(advertiserId, out var units))
        {
            return null;
        }

        var entries = new List<FewoIndexEntry>();
        var seenListings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (connection, target) in units)
        {
            if (kind == FewoFeedKind.Listing && !seenListings.Add(target.ListingId))
            {
                continue;
            }

            var document = await ContentAsync(kind, connection, target, cancellationToken).ConfigureAwait(false);
            var path = kind == FewoFeedKind.Listing
                ? FewoDirektWire.ListingPath(advertiserId, target.ListingId)
                : FewoDirektWire.UnitContentPath(advertiserId, target.ListingId, target.UnitId, kind);
            entries.Add(new FewoIndexEntry(target.ListingId, target.UnitId, document.LastModified, Url(feedBase, path)));
        }

        return Versioned($"index:{kind}:{advertiserId}", FewoContentWriter.Index(kind, advertiserId, entries));
    }

    /// <summary>
    /// A content document of the listing (and unit, except for <see cref="FewoFeedKind.Listing"/>) of an advertiser, or
    /// <see langword="null"/> when no syncable connection has that advertiser, listing and unit.
    /// </summary>
    public async Task<FewoFeedDocument?> ContentAsync(FewoFeedKind kind, string advertiserId, string listingId, string? unitId, CancellationToken cancellationToken)
    {
        var connection = await connections.FindByListingAsync(Platform.FewoDirekt, listingId, cancellationToken).ConfigureAwait(false);
        if (connection is not { IsSyncable: true } || FewoDirektTarget.TryOf(connection) is not { } target ||
            target.AdvertiserId != advertiserId || target.ListingId != listingId || (unitId is not null && target.UnitId != unitId))
        {
            return null;
        }

        return await ContentAsync(kind, connection, target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renders a connection's unit availability and lodging rate content from one ledger read.</summary>
    public async Task<FewoUnitDocuments> RenderUnitAsync(ChannelConnection connection, FewoDirektTarget target, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var days = await ledger.GetAriAsync(connection.TenantId, connection.PropertyId, new DateRange(today, today.AddDays(options.Value.FeedDays)), cancellationToken).ConfigureAwait(false);
        var availability = FewoContentWriter.UnitAvailability(target, days);
        var rates = FewoContentWriter.LodgingRate(target, days, out var withoutCurrency);
        if (withoutCurrency > 0)
        {
            logger.LogWarning("FeWo-direkt connection {ConnectionId} (listing {ListingId}): {Nights} nights have a rate but no currency and are left out of the lodging rate feed; set the '{Key}' metadata", connection.Id, target.ListingId, withoutCurrency, FewoDirektMetadataKeys.Currency);
        }

        return new FewoUnitDocuments(
            Versioned(DocumentKey(connection, FewoFeedKind.UnitAvailability), availability),
            Versioned(DocumentKey(connection, FewoFeedKind.LodgingRate), rates),
            withoutCurrency);
    }

    private async Task<FewoFeedDocument> ContentAsync(FewoFeedKind kind, ChannelConnection connection, FewoDirektTarget target, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case FewoFeedKind.Listing:
                return Versioned(DocumentKey(connection, kind), FewoContentWriter.Listing(target));
            case FewoFeedKind.LodgingConfiguration:
                return Versioned(DocumentKey(connection, kind), FewoContentWriter.LodgingConfiguration(target));
            default:
                var unit = await RenderUnitAsync(connection, target, cancellationToken).ConfigureAwait(false);
                return kind == FewoFeedKind.LodgingRate ? unit.LodgingRate : unit.UnitAvailability;
        }
    }

    private FewoFeedDocument Versioned(string key, byte[] content) =>
        new(content, FeedContentVersions.EntityTag(content), _versions.FirstSeen(key, FeedContentVersions.Hash(content), timeProvider.GetUtcNow()));

    private static string DocumentKey(ChannelConnection connection, FewoFeedKind kind) => $"{connection.TenantId.Length}:{connection.TenantId}:{connection.Id:N}:{kind}";

    private static Uri Url(Uri feedBase, string path) => new(feedBase.AbsoluteUri.TrimEnd('/') + path);
}
