using System.Globalization;
using ChannelManager.Adapters.ICal.Import;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.ICal;

/// <summary>
/// The adapter of <see cref="Platform.ICal"/> connections: listings on platforms that only exchange iCalendar feeds.
/// Nothing can be pushed to a feed: <see cref="PushAriAsync"/> is a no-op reporting 0 calls, and the platform reads
/// this ChannelManager's feed (served by <c>MapChannelManagerICalFeeds</c> from the ledger's current state) on its own
/// schedule. <see cref="FetchReservationsAsync"/> imports the platform's feed (the connection's <c>ical_url</c>).
/// </summary>
internal sealed class ICalChannelAdapter(ICalFeedImporter importer, TimeProvider timeProvider) : IChannelAdapter
{
    public Platform Platform => Platform.ICal;

    /// <summary>A feed cannot be pushed to: the export feed is rendered from the ledger when the platform fetches it.</summary>
    public Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureICal(request.Connection);
        return Task.FromResult(new AriPushResult(0));
    }

    /// <summary>
    /// Imports the platform's feed and reports every upcoming event as a confirmed reservation and every vanished one
    /// as cancelled. A feed is a snapshot: <see cref="ReservationFetchRequest.MaxResults"/> is not applied (cutting the
    /// list would lose changes; the feed's size is bounded by <see cref="ICalOptions.MaxEvents"/> instead).
    /// </summary>
    public async Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureICal(connection);
        var all = await importer.ImportAsync(connection, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrWhiteSpace(request.ConfirmationCode))
        {
            var code = request.ConfirmationCode.Trim();
            return all.Where(r => r.ConfirmationCode == code).ToArray();
        }

        return request.ChangedSince is { } since ? all.Where(r => r.UpdatedAt is not { } u || u >= since).ToArray() : all;
    }

    /// <summary>iCal has no webhooks.</summary>
    public WebhookVerificationResult VerifyWebhook(WebhookRequest request) =>
        WebhookVerificationResult.Rejected("iCal feeds have no webhooks; bookings are imported by polling the feed.");

    /// <summary>iCal has no webhooks.</summary>
    public WebhookNotification ParseWebhook(WebhookRequest request) =>
        throw new WebhookFormatException("iCal feeds have no webhooks.");

    /// <summary>Downloads and parses the platform's feed (without importing it).</summary>
    public async Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default)
    {
        EnsureICal(connection);
        var started = timeProvider.GetTimestamp();
        try
        {
            var events = await importer.ProbeAsync(connection, cancellationToken).ConfigureAwait(false);
            return new ConnectionTestResult(true, string.Create(CultureInfo.InvariantCulture, $"The iCal feed is reachable and valid: {events} upcoming events."), Elapsed(started));
        }
        catch (PlatformCallException ex)
        {
            return new ConnectionTestResult(false, ex.StatusCode is { } s and not 200 ? $"{ex.Message} (HTTP {s})" : ex.Message, Elapsed(started));
        }
    }

    private double Elapsed(long started) => Math.Round(timeProvider.GetElapsedTime(started).TotalMilliseconds, 3);

    private static void EnsureICal(ChannelConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.Platform != Platform.ICal)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The connection {connection.Id} is for {connection.Platform}, not iCal."),
                nameof(connection));
        }
    }
}
