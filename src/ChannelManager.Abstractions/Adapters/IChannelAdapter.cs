using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters;

/// <summary>
/// Speaks one platform's API. Implemented once per platform package; the engine calls it through the
/// platform's resilience pipeline (rate limiter, circuit breaker, retries) and never sees its HTTP details.
/// Failed calls throw <see cref="PlatformCallException"/>.
/// </summary>
public interface IChannelAdapter
{
    /// <summary>The platform this adapter speaks to.</summary>
    Platform Platform { get; }

    /// <summary>
    /// Pushes the current availability, rate and restriction state of the given nights to the listing, in as few
    /// calls as the platform's limits allow.
    /// </summary>
    /// <param name="request">The connection and the nights' state.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many platform calls the push took.</returns>
    Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fetches reservations of the listing (all recent ones, or one by confirmation code). Where the platform serves
    /// several listings from one queue (Booking.com: every room of a hotel), the answer may hold reservations of the
    /// connection's sibling listings too, and a reservation of several listings comes back as one
    /// <see cref="PlatformReservation"/> per listing (each with its own confirmation code): the engine imports each
    /// under the connection of its <see cref="PlatformReservation.ListingId"/>.
    /// </summary>
    /// <param name="connection">The connection.</param>
    /// <param name="request">Which reservations.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The reservations, mapped to ChannelManager's model.</returns>
    Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Checks that a webhook really comes from the platform (signature, credentials, replay window).</summary>
    /// <param name="request">The raw webhook.</param>
    /// <returns>Whether the webhook is authentic, and why not.</returns>
    WebhookVerificationResult VerifyWebhook(WebhookRequest request);

    /// <summary>Parses an authentic webhook into a normalized notification.</summary>
    /// <param name="request">The raw webhook.</param>
    /// <returns>The notification.</returns>
    /// <exception cref="WebhookFormatException">When the body is not a valid notification.</exception>
    WebhookNotification ParseWebhook(WebhookRequest request);

    /// <summary>Tests the connection: the token is valid and one cheap platform call succeeds.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The result.</returns>
    Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default);
}
