using System.Globalization;
using System.Text;
using ChannelManager.Adapters.Shared.Feeds;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.ICal.Export;

/// <summary>
/// Serves a connection's export feed from the ledger's current state (there is nothing to push: the iCal adapter's
/// push is a no-op and the feed is rendered on request) and hands out the feed's unguessable URL.
/// </summary>
public sealed class ICalFeedService
{
    private readonly IChannelConnectionStore _connections;
    private readonly IInventoryLedger _ledger;
    private readonly ICalFeedTokens _tokens;
    private readonly IOptions<ICalOptions> _options;
    private readonly TimeProvider _time;
    private readonly FeedContentVersions _versions = new();

    internal ICalFeedService(IChannelConnectionStore connections, IInventoryLedger ledger, ICalFeedTokens tokens, IOptions<ICalOptions> options, TimeProvider time)
    {
        _connections = connections;
        _ledger = ledger;
        _tokens = tokens;
        _options = options;
        _time = time;
    }

    /// <summary>
    /// The path of a connection's feed below the prefix it is mapped at, e.g.
    /// <c>/{tenant}/{connection id}/{token}.ics</c>. Give the full URL (host + prefix + path) to the platform that
    /// imports it; treat it as a secret.
    /// </summary>
    /// <param name="connection">The connection.</param>
    /// <returns>The path, starting with <c>/</c>.</returns>
    public string GetFeedPath(ChannelConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var token = _tokens.TokenFor(connection.TenantId, connection.Id, FeedVersionOf(connection));
        return string.Create(CultureInfo.InvariantCulture, $"/{Uri.EscapeDataString(connection.TenantId)}/{connection.Id:D}/{token}.ics");
    }

    /// <summary>The full feed URL of a connection.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="feedsBaseUrl">The public URL the feeds are mapped at, e.g. <c>https://cm.example.com/ical</c>.</param>
    /// <returns>The URL.</returns>
    public Uri GetFeedUrl(ChannelConnection connection, Uri feedsBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(feedsBaseUrl);
        return new Uri(feedsBaseUrl.AbsoluteUri.TrimEnd('/') + GetFeedPath(connection));
    }

    /// <summary>
    /// Finds the connection and renders its feed when <paramref name="token"/> is right; <see langword="null"/> for an
    /// unknown or deleted connection and for a wrong token alike (the caller answers 404 to both).
    /// </summary>
    /// <param name="tenantId">The tenant from the URL.</param>
    /// <param name="connectionId">The connection from the URL.</param>
    /// <param name="token">The token from the URL.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The feed, or <see langword="null"/>.</returns>
    public async Task<ICalFeed?> TryGetFeedAsync(string tenantId, Guid connectionId, string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(tenantId) || string.IsNullOrEmpty(token))
        {
            return null;
        }

        var connection = await _connections.GetAsync(tenantId, connectionId, cancellationToken).ConfigureAwait(false);

        // The token is checked even when the connection is missing, so both answers take the same time.
        var valid = _tokens.Verify(tenantId, connectionId, connection is null ? null : FeedVersionOf(connection), token);
        if (connection is null || connection.DeletedAt is not null || !valid)
        {
            return null;
        }

        return await RenderAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renders a connection's feed from the ledger (no token check).</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The feed.</returns>
    public async Task<ICalFeed> RenderAsync(ChannelConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var options = _options.Value;
        var now = _time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var days = await _ledger.GetAriAsync(connection.TenantId, connection.PropertyId, new DateRange(today, today.AddDays(options.ExportDays)), cancellationToken).ConfigureAwait(false);
        var events = ICalFeedWriter.Events(ICalFeedWriter.BlockedRuns(days), _tokens.UidTag(connection.Id), options.UidDomain);

        // DTSTAMP and Last-Modified are when this content was first served, so an unchanged calendar gives the same bytes.
        var since = _versions.FirstSeen(connection.Id.ToString("N"), ContentHash(events, options), now);
        var content = ICalFeedWriter.Write(events, options.ProductId, options.ExportSummary, since);
        return new ICalFeed(content, FeedContentVersions.EntityTag(content), since, events.Count);
    }

    private static string? FeedVersionOf(ChannelConnection connection) =>
        connection.PlatformMetadata.TryGetValue(ICalFeedTokens.FeedVersionMetadataKey, out var v) ? v : null;

    private static string ContentHash(IReadOnlyList<ICalFeedEvent> events, ICalOptions options)
    {
        var text = new StringBuilder(options.ProductId).Append('\n').Append(options.ExportSummary).Append('\n');
        foreach (var e in events)
        {
            text.Append(e.Uid).Append(' ').Append(e.Nights.ToString()).Append('\n');
        }

        return FeedContentVersions.Hash(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
