using System.Globalization;
using ChannelManager.Adapters.FewoDirekt.Api;
using ChannelManager.Adapters.FewoDirekt.Feeds;
using ChannelManager.Adapters.FewoDirekt.Webhooks;
using ChannelManager.Bookings;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Webhooks;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.FewoDirekt;

/// <summary>
/// Vrbo / FeWo-direkt on its documented pull model (platforms.md §4): Vrbo reads this ChannelManager's feeds (served
/// by <c>MapChannelManagerFewoDirektFeeds</c> from the ledger) several times a day and posts <c>bookingRequest</c>
/// documents to <c>/webhooks/fewo-direkt</c>. So nothing is pushed (<see cref="PushAriAsync"/> reports 0 calls) and
/// nothing is pulled (<see cref="FetchReservationsAsync"/> returns nothing); the webhook is verified with the HTTP
/// Basic credentials issued to Vrbo and answered with a <c>bookingResponse</c>. The assumed parts of the wire format
/// are all in <see cref="FewoDirektWire"/>.
/// </summary>
internal sealed class FewoDirektChannelAdapter(
    FewoDirektFeedService feeds,
    IOptions<FewoDirektOptions> options,
    TimeProvider timeProvider) : IChannelAdapter, IWebhookReplyWriter, IWebhookReceptionContract
{
    public Platform Platform => Platform.FewoDirekt;

    /// <summary>Vrbo's booking documents are XML.</summary>
    public WebhookBodyFormat WebhookBodyFormat => WebhookBodyFormat.Xml;

    /// <summary>Whether the partner credentials Vrbo authenticates with are set (the options validator requires them).</summary>
    public bool IsWebhookVerificationConfigured =>
        !string.IsNullOrEmpty(options.Value.FeedUsername) && !string.IsNullOrEmpty(options.Value.FeedPassword);

    /// <summary>Vrbo pulls: the feeds are rendered from the ledger when Vrbo reads them, so there is nothing to send.</summary>
    public Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        FewoDirektTarget.Of(request.Connection);
        return Task.FromResult(new AriPushResult(0));
    }

    /// <summary>Vrbo posts every booking (<c>bookingRequest</c>); there is no booking API to pull from in the feed model.</summary>
    public Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        FewoDirektTarget.Of(connection);
        return Task.FromResult<IReadOnlyList<PlatformReservation>>([]);
    }

    public WebhookVerificationResult VerifyWebhook(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FewoDirektBasicAuthentication.IsAuthorized(request.Header("Authorization"), options.Value, out var reason)
            ? WebhookVerificationResult.Authentic
            : WebhookVerificationResult.Rejected(reason);
    }

    public WebhookNotification ParseWebhook(WebhookRequest request) => FewoDirektWebhookParser.Parse(request);

    /// <summary>Answers a stored booking document with a <c>bookingResponse</c>.</summary>
    public WebhookReply? CreateReply(WebhookRequest request, bool duplicate)
    {
        try
        {
            return new WebhookReply(FewoBookingResponseWriter.Write(FewoDirektWebhookParser.ParseBooking(request)), FewoBookingResponseWriter.ContentType);
        }
        catch (WebhookFormatException)
        {
            return null;
        }
    }

    /// <summary>Checks that the connection is set up for the feeds, its advertiser is its tenant's, and its content renders (rates have a currency).</summary>
    public async Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default)
    {
        FewoDirektTarget target;
        try
        {
            target = FewoDirektTarget.Of(connection);
        }
        catch (ChannelManagerValidationException ex)
        {
            return new ConnectionTestResult(false, "The connection is not set up for FeWo-direkt: " + string.Join(" ", ex.Errors.SelectMany(kv => kv.Value.Select(m => $"{kv.Key}: {m}"))));
        }

        var started = timeProvider.GetTimestamp();
        var advertisers = await feeds.ConnectionsByAdvertiserAsync(cancellationToken).ConfigureAwait(false);
        if (advertisers.TryGetValue(target.AdvertiserId, out var owned) && owned.Count > 0 && owned[0].Connection.TenantId != connection.TenantId)
        {
            return new ConnectionTestResult(false, $"The FeWo-direkt advertiser {target.AdvertiserId} belongs to another account; this listing is left out of the feeds.", Elapsed(started));
        }

        var unit = await feeds.RenderUnitAsync(connection, target, cancellationToken).ConfigureAwait(false);
        if (unit.NightsWithoutCurrency > 0)
        {
            return new ConnectionTestResult(
                false,
                string.Create(CultureInfo.InvariantCulture, $"{unit.NightsWithoutCurrency} nights have a rate but no currency and are left out of the FeWo-direkt rate feed: set the '{FewoDirektMetadataKeys.Currency}' metadata."),
                Elapsed(started));
        }

        return new ConnectionTestResult(
            true,
            $"FeWo-direkt listing {target.ListingId} unit {target.UnitId} is served in the feeds of advertiser {target.AdvertiserId}; Vrbo reads them on its own schedule.",
            Elapsed(started));
    }

    private double Elapsed(long started) => Math.Round(timeProvider.GetElapsedTime(started).TotalMilliseconds, 3);
}
