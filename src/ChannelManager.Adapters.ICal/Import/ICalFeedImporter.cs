using ChannelManager.Bookings;
using ChannelManager.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.ICal.Import;

/// <summary>
/// Imports a connection's platform feed: downloads it (conditionally), parses it and compares it with the last
/// import. Every upcoming event is reported as a confirmed reservation (UID → confirmation code), its version the
/// time its stay was first seen, so an unchanged event is deduplicated by the engine's importer and a changed one
/// is a modification; an event that vanished (or turned <c>STATUS:CANCELLED</c>) is reported as cancelled until its
/// stay is over. A feed that fails (HTTP, malformed, too large) changes nothing: the last import stays.
/// </summary>
internal sealed class ICalFeedImporter(
    ICalFeedClient client,
    IICalImportStateStore stateStore,
    IOptions<ICalOptions> options,
    TimeProvider time,
    ILogger<ICalFeedImporter> logger)
{
    public async Task<IReadOnlyList<PlatformReservation>> ImportAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = FeedUrlOf(connection, settings);
        var previous = await stateStore.GetAsync(connection.Id, cancellationToken).ConfigureAwait(false);
        var sameFeed = previous is not null && previous.Url == url.AbsoluteUri;
        var download = await client.DownloadAsync(url, sameFeed ? previous!.ETag : null, sameFeed ? previous!.LastModified : null, cancellationToken).ConfigureAwait(false);

        var now = time.GetUtcNow();
        now = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        IReadOnlyList<ParsedICalEvent> current;
        if (download.NotModified && sameFeed)
        {
            current = previous!.Events.Values.Select(e => new ParsedICalEvent(e.ConfirmationCode, e.Stay, e.Summary)).Where(e => e.Stay.End > today).ToArray();
        }
        else
        {
            try
            {
                current = ICalFeedParser.Parse(download.Text ?? string.Empty, today, settings.MaxEvents, "@" + settings.UidDomain);
            }
            catch (ICalFeedFormatException ex)
            {
                throw new PlatformCallException(Platform.ICal, $"iCal feed of connection {connection.Id} rejected: {ex.Message}", isTransient: false, statusCode: 200, innerException: ex);
            }
        }

        var state = Compare(previous, current, url.AbsoluteUri, download, now, today, settings.MaxEvents);
        await stateStore.SaveAsync(connection.Id, state, cancellationToken).ConfigureAwait(false);
        logger.LogDebug(
            "iCal feed of connection {ConnectionId}: {Events} upcoming events, {Cancelled} cancelled{NotModified}",
            connection.Id,
            state.Events.Count,
            state.Cancelled.Count,
            download.NotModified ? " (not modified)" : string.Empty);

        return state.Events.Values.Select(e => ToReservation(connection, e, BookingStatus.Confirmed))
            .Concat(state.Cancelled.Values.Select(e => ToReservation(connection, e, BookingStatus.Cancelled)))
            .OrderBy(r => r.Stay.Start)
            .ThenBy(r => r.ConfirmationCode, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Downloads and parses the feed without remembering anything (connection test).</summary>
    public async Task<int> ProbeAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = FeedUrlOf(connection, settings);
        var download = await client.DownloadAsync(url, null, null, cancellationToken).ConfigureAwait(false);
        try
        {
            return ICalFeedParser.Parse(download.Text ?? string.Empty, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), settings.MaxEvents, "@" + settings.UidDomain).Count;
        }
        catch (ICalFeedFormatException ex)
        {
            throw new PlatformCallException(Platform.ICal, $"iCal feed of connection {connection.Id} rejected: {ex.Message}", isTransient: false, statusCode: 200, innerException: ex);
        }
    }

    /// <summary>The feed URL from the connection's metadata: absolute, https (or http when allowed).</summary>
    internal static Uri FeedUrlOf(ChannelConnection connection, ICalOptions settings)
    {
        if (!connection.PlatformMetadata.TryGetValue(settings.ImportUrlMetadataKey, out var text) || string.IsNullOrWhiteSpace(text))
        {
            throw new PlatformCallException(Platform.ICal, $"Connection {connection.Id} has no iCal feed URL (metadata '{settings.ImportUrlMetadataKey}').", isTransient: false);
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) ||
            !(url.Scheme == Uri.UriSchemeHttps || (settings.AllowInsecureHttp && url.Scheme == Uri.UriSchemeHttp)))
        {
            throw new PlatformCallException(
                Platform.ICal,
                $"The iCal feed URL of connection {connection.Id} (metadata '{settings.ImportUrlMetadataKey}') must be an absolute {(settings.AllowInsecureHttp ? "http(s)" : "https")} URL.",
                isTransient: false);
        }

        return url;
    }

    private static ICalImportState Compare(ICalImportState? previous, IReadOnlyList<ParsedICalEvent> current, string url, ICalFeedDownload download, DateTimeOffset now, DateOnly today, int maxCancelled)
    {
        var oldEvents = previous?.Events ?? new Dictionary<string, ICalImportedEvent>();
        var oldCancelled = previous?.Cancelled ?? new Dictionary<string, ICalImportedEvent>();
        var events = new Dictionary<string, ICalImportedEvent>(StringComparer.Ordinal);
        foreach (var e in current)
        {
            if (oldEvents.TryGetValue(e.ConfirmationCode, out var old) && old.Stay == e.Stay)
            {
                events[e.ConfirmationCode] = old with { Summary = e.Summary };
                continue;
            }

            // New, changed, or back after a cancellation: a version newer than any the importer has seen for it.
            var changedAt = now;
            if (old is not null && old.ChangedAt >= changedAt)
            {
                changedAt = old.ChangedAt.AddMilliseconds(1);
            }

            if (oldCancelled.TryGetValue(e.ConfirmationCode, out var tomb) && tomb.ChangedAt >= changedAt)
            {
                changedAt = tomb.ChangedAt.AddMilliseconds(1);
            }

            events[e.ConfirmationCode] = new ICalImportedEvent(e.ConfirmationCode, e.Stay, changedAt, e.Summary);
        }

        var cancelled = new Dictionary<string, ICalImportedEvent>(StringComparer.Ordinal);
        foreach (var (code, tomb) in oldCancelled)
        {
            if (!events.ContainsKey(code) && tomb.Stay.End > today)
            {
                cancelled[code] = tomb;
            }
        }

        foreach (var (code, old) in oldEvents)
        {
            // Gone from the feed before its stay is over: cancelled. A past stay simply drops out of feeds.
            if (!events.ContainsKey(code) && old.Stay.End > today)
            {
                var at = now > old.ChangedAt ? now : old.ChangedAt.AddMilliseconds(1);
                cancelled[code] = old with { ChangedAt = at };
            }
        }

        if (cancelled.Count > maxCancelled)
        {
            cancelled = cancelled.Values.OrderByDescending(c => c.ChangedAt).Take(maxCancelled).ToDictionary(c => c.ConfirmationCode, StringComparer.Ordinal);
        }

        return new ICalImportState(url, download.ETag, download.LastModified, events, cancelled, now);
    }

    private static PlatformReservation ToReservation(ChannelConnection connection, ICalImportedEvent e, BookingStatus status) => new()
    {
        Platform = Platform.ICal,
        ConfirmationCode = e.ConfirmationCode,
        ListingId = connection.PlatformListingId,
        Stay = e.Stay,
        Status = status,
        UpdatedAt = e.ChangedAt,
    };
}
