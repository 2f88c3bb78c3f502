using System.Net.Http.Headers;
using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.Airbnb;

/// <summary>
/// What the simulated Airbnb does on its own: guests book, alter and cancel, and Airbnb notifies the partner by
/// webhook (signed as <see cref="AirbnbWebhookSigner"/> describes when a secret is configured).
/// </summary>
public sealed class AirbnbSimulator
{
    private readonly SimulatorState _state;
    private readonly AirbnbSimulatorOptions _options;
    private readonly HttpClient _webhookClient;

    internal AirbnbSimulator(SimulatorState state, AirbnbSimulatorOptions options, HttpClient webhookClient)
    {
        if (options.AccessTokenLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("The Airbnb access token lifetime must be positive.", nameof(options));
        }

        _state = state;
        _options = options;
        _webhookClient = webhookClient;
    }

    /// <summary>The settings; read at every webhook and token call, so they may be changed after start.</summary>
    public AirbnbSimulatorOptions Options => _options;

    /// <summary>
    /// Issues a grant as if a host had connected: an access token and a refresh token that the token endpoint
    /// (<c>POST /v2/oauth2/authorizations</c>) exchanges for a new access token.
    /// </summary>
    /// <param name="lifetime">How long the access token lives; <see cref="AirbnbSimulatorOptions.AccessTokenLifetime"/> when omitted (zero or less: expired already).</param>
    /// <returns>The tokens.</returns>
    public AirbnbTokenGrant IssueTokens(TimeSpan? lifetime = null) => _state.Airbnb.IssueTokens(lifetime ?? _options.AccessTokenLifetime);

    /// <summary>
    /// Creates a reservation (generated <c>HM…</c> code), closes its nights in the listing's calendar and sends
    /// <c>reservation_acceptance_confirmation</c> when a webhook URL is configured.
    /// </summary>
    /// <param name="request">The booking.</param>
    /// <param name="cancellationToken">Cancels the webhook.</param>
    /// <returns>The reservation and the webhook's outcome.</returns>
    /// <exception cref="ArgumentException">When the request is invalid.</exception>
    /// <exception cref="KeyNotFoundException">When the listing was removed.</exception>
    /// <exception cref="InvalidOperationException">When the code exists, or <see cref="AirbnbReservationRequest.RequireAvailability"/> is set and a night is taken.</exception>
    public async Task<AirbnbReservationResult> CreateReservationAsync(AirbnbReservationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reservation = _state.Airbnb.Create(request);
        var webhook = await SendWebhookAsync(AirbnbWebhookActions.ReservationAccepted, reservation, request.WebhookUrl, cancellationToken);
        return new AirbnbReservationResult(reservation, webhook);
    }

    /// <summary>Cancels a reservation, reopens its nights and sends <c>reservation_cancellation_confirmation</c>.</summary>
    /// <param name="confirmationCode">The reservation.</param>
    /// <param name="webhookUrl">Where to send the webhook instead of the configured URL.</param>
    /// <param name="cancellationToken">Cancels the webhook.</param>
    /// <returns>The cancelled reservation and the webhook's outcome.</returns>
    /// <exception cref="KeyNotFoundException">When no reservation has the code.</exception>
    /// <exception cref="InvalidOperationException">When it is already cancelled.</exception>
    public async Task<AirbnbReservationResult> CancelReservationAsync(string confirmationCode, Uri? webhookUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(confirmationCode);
        var reservation = _state.Airbnb.Cancel(confirmationCode);
        var webhook = await SendWebhookAsync(AirbnbWebhookActions.ReservationCancelled, reservation, webhookUrl, cancellationToken);
        return new AirbnbReservationResult(reservation, webhook);
    }

    /// <summary>Moves a reservation to new dates (old nights reopen, new ones close) and sends <c>reservation_alteration_confirmation</c>.</summary>
    /// <param name="confirmationCode">The reservation.</param>
    /// <param name="newStartDate">The new first night.</param>
    /// <param name="newNights">The new number of nights.</param>
    /// <param name="webhookUrl">Where to send the webhook instead of the configured URL.</param>
    /// <param name="cancellationToken">Cancels the webhook.</param>
    /// <returns>The altered reservation and the webhook's outcome.</returns>
    /// <exception cref="KeyNotFoundException">When no reservation has the code.</exception>
    /// <exception cref="InvalidOperationException">When it is cancelled.</exception>
    public async Task<AirbnbReservationResult> AlterReservationAsync(string confirmationCode, DateOnly newStartDate, int newNights, Uri? webhookUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(confirmationCode);
        var reservation = _state.Airbnb.Alter(confirmationCode, newStartDate, newNights);
        var webhook = await SendWebhookAsync(AirbnbWebhookActions.ReservationAltered, reservation, webhookUrl, cancellationToken);
        return new AirbnbReservationResult(reservation, webhook);
    }

    /// <summary>
    /// Posts a notification <c>{"action", "reservation"}</c> to the webhook URL, signed when a secret is configured.
    /// </summary>
    /// <param name="action">The action, e.g. <see cref="AirbnbWebhookActions.Test"/>.</param>
    /// <param name="reservation">The reservation to include, if any.</param>
    /// <param name="webhookUrl">Where to send it instead of the configured URL.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The delivery, or <see langword="null"/> when no URL is configured.</returns>
    public async Task<AirbnbWebhookDelivery?> SendWebhookAsync(string action, AirbnbReservation? reservation = null, Uri? webhookUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        var url = webhookUrl ?? _options.WebhookUrl;
        if (url is null)
        {
            return null;
        }

        var body = AirbnbWire.WebhookBody(action, reservation);
        var bodyText = System.Text.Encoding.UTF8.GetString(body);
        var deliveryId = Guid.NewGuid().ToString();
        var timestamp = _state.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (string.IsNullOrEmpty(_options.WebhookSecret))
        {
            message.Headers.TryAddWithoutValidation(AirbnbWebhookSigner.DeliveryIdHeader, deliveryId);
            message.Headers.TryAddWithoutValidation(AirbnbWebhookSigner.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            foreach (var (name, value) in AirbnbWebhookSigner.CreateHeaders(_options.WebhookSecret, timestamp, body, deliveryId))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.WebhookTimeout);
        try
        {
            using var response = await _webhookClient.SendAsync(message, timeout.Token);
            return new AirbnbWebhookDelivery(url, action, deliveryId, bodyText, (int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AirbnbWebhookDelivery(url, action, deliveryId, bodyText, null, $"The receiver did not answer within {_options.WebhookTimeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException ex)
        {
            return new AirbnbWebhookDelivery(url, action, deliveryId, bodyText, null, ex.Message);
        }
    }
}
