using System.Text.Json;
using ChannelManager.Adapters.Google.Api;
using ChannelManager.Adapters.Google.Ari;
using ChannelManager.Adapters.Google.Auth;
using ChannelManager.Adapters.Google.PubSub;
using ChannelManager.Bookings;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Google;

/// <summary>
/// Speaks Google Hotel Center / Vacation Rentals (platforms.md §5): OTA ARI out (inventory, availability, rates,
/// restrictions), no reservations in (guests book on the partner's site through booking links), Pub/Sub push
/// verification. Every failed call throws <see cref="PlatformCallException"/>; nothing is retried here.
/// </summary>
internal sealed class GoogleChannelAdapter(
    GoogleApiClient client,
    GoogleTokenProvider tokens,
    IGooglePubSubKeySource pubSubKeys,
    IOptions<GoogleOptions> options,
    TimeProvider timeProvider,
    ILogger<GoogleChannelAdapter> logger) : IChannelAdapter, IWebhookReceptionContract
{
    public Platform Platform => Platform.Google;

    /// <summary>Pub/Sub push bodies are JSON.</summary>
    public WebhookBodyFormat WebhookBodyFormat => WebhookBodyFormat.Json;

    /// <summary>
    /// Whether the Pub/Sub audience and push service account are set. They are optional (Google sends no reservations
    /// through Pub/Sub); without them <c>/webhooks/google</c> answers 404 "not configured".
    /// </summary>
    public bool IsWebhookVerificationConfigured =>
        !string.IsNullOrWhiteSpace(options.Value.PubSubAudience) && !string.IsNullOrWhiteSpace(options.Value.PubSubServiceAccountEmail);

    public async Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = GoogleTarget.Of(request.Connection, needsRatePlan: (request.Scope & (AriPushScope.Rates | AriPushScope.Restrictions)) != 0);
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();

        // Nights before yesterday (UTC; the property's own day may lag) and beyond the booking window are left out.
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var limits = new GoogleAriLimits(today.AddDays(-1), today.AddDays(settings.BookingWindowDays), settings.MaxMessagesPerRequest, settings.MaxLengthOfStay);
        var requests = GoogleAriMessageBuilder.Build(target, request.Days, request.Scope, now, settings.PartnerKey!, limits);
        var root = GoogleUrls.Root(settings.ApiBaseUrl);
        foreach (var ota in requests)
        {
            var (operation, path) = ota.Kind switch
            {
                GoogleAriKind.InvCount => ("OTA_HotelInvCountNotif", GoogleUrls.InvCountNotif),
                GoogleAriKind.Avail => ("OTA_HotelAvailNotif", GoogleUrls.AvailNotif),
                _ => ("OTA_HotelRateAmountNotif", GoogleUrls.RateAmountNotif),
            };
            await client.PostXmlAsync(operation, new Uri(root, path), ota.Body, cancellationToken).ConfigureAwait(false);
        }

        logger.LogDebug("Pushed {Nights} nights to Google property {HotelCode} in {Calls} calls", request.Days.Count, target.HotelCode, requests.Count);
        return new AriPushResult(requests.Count);
    }

    /// <summary>Google delivers no reservations for this flow (guests book on the partner's own site): always none, no call.</summary>
    public Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Task.FromResult<IReadOnlyList<PlatformReservation>>([]);
    }

    public WebhookVerificationResult VerifyWebhook(WebhookRequest request) =>
        PubSubPushVerifier.Verify(request, options.Value, pubSubKeys, timeProvider.GetUtcNow());

    public WebhookNotification ParseWebhook(WebhookRequest request) => PubSubEnvelopeParser.Parse(request);

    public async Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default)
    {
        GoogleTarget target;
        try
        {
            target = GoogleTarget.Of(connection, needsRatePlan: false);
        }
        catch (ChannelManagerValidationException ex)
        {
            return new ConnectionTestResult(false, "The connection is not set up for Google: " + string.Join(" ", ex.Errors.SelectMany(kv => kv.Value.Select(m => $"{kv.Key}: {m}"))));
        }

        var settings = options.Value;
        var started = timeProvider.GetTimestamp();
        try
        {
            if (settings.UsesServiceAccount)
            {
                await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            }

            if (string.IsNullOrWhiteSpace(settings.AccountId))
            {
                var what = settings.UsesServiceAccount ? "The service account's access token is valid" : "No service account is configured";
                return new ConnectionTestResult(true, $"{what}; no Hotel Center account id is configured, so property {target.HotelCode} was not looked up.", Elapsed(started));
            }

            var json = await client.GetJsonAsync("hotelViews lookup", GoogleUrls.HotelView(settings.EffectiveTravelPartnerBaseUrl, settings.AccountId, target.HotelCode), cancellationToken).ConfigureAwait(false);
            if (!Lists(json, target.HotelCode))
            {
                return new ConnectionTestResult(false, $"Google property {target.HotelCode} is not in Hotel Center account {settings.AccountId}.", Elapsed(started));
            }

            return new ConnectionTestResult(true, $"Google property {target.HotelCode} is reachable in Hotel Center account {settings.AccountId}.", Elapsed(started));
        }
        catch (PlatformCallException ex)
        {
            var message = ex.StatusCode switch
            {
                400 or 401 when ex.Message.Contains("token exchange", StringComparison.Ordinal) => "Google rejected the service account's credentials.",
                401 => "Google rejected the service account's access token.",
                403 => $"The service account has no access to Hotel Center account {settings.AccountId}.",
                _ when ex.IsTransient => $"Google is not reachable right now: {ex.Message}",
                _ => ex.Message,
            };
            return new ConnectionTestResult(false, message, Elapsed(started));
        }
    }

    /// <summary>Whether a <c>hotelViews</c> list answer holds the property.</summary>
    private static bool Lists(string json, string hotelCode)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("hotelViews", out var views) && views.ValueKind == JsonValueKind.Array &&
                views.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Object && v.TryGetProperty("partnerHotelId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == hotelCode);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private double Elapsed(long started) => Math.Round(timeProvider.GetElapsedTime(started).TotalMilliseconds, 3);
}
