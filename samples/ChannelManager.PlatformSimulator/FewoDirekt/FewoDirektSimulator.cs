using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.FewoDirekt;

/// <summary>A notification the simulated FeWo-direkt sent.</summary>
/// <param name="Url">Where it was sent.</param>
/// <param name="DeliveryId">The <c>X-FewoDirekt-Delivery-Id</c> sent.</param>
/// <param name="Body">The exact body sent.</param>
/// <param name="StatusCode">The status the receiver answered; <see langword="null"/> when it did not answer.</param>
/// <param name="Error">Why the receiver did not answer.</param>
public sealed record FewoDirektWebhookDelivery(Uri Url, string DeliveryId, string Body, int? StatusCode, string? Error);

/// <summary>A booking action's outcome.</summary>
/// <param name="Reservation">The booking after the action.</param>
/// <param name="Webhook">The notification sent, or <see langword="null"/> when no URL is configured.</param>
public sealed record FewoDirektReservationResult(FewoDirektReservation Reservation, FewoDirektWebhookDelivery? Webhook);

/// <summary>
/// What the simulated FeWo-direkt does on its own: guests book (<c>bookingRequest</c> notification), bookings change or
/// are cancelled (<c>bookingUpdate</c>), each posted to the webhook URL and signed as
/// <see cref="FewoDirektWebhookSigner"/> describes when a secret is configured.
/// </summary>
public sealed class FewoDirektSimulator
{
    private readonly SimulatorState _state;
    private readonly FewoDirektSimulatorOptions _options;
    private readonly HttpClient _webhookClient;

    internal FewoDirektSimulator(SimulatorState state, FewoDirektSimulatorOptions options, HttpClient webhookClient)
    {
        _state = state;
        _options = options;
        _webhookClient = webhookClient;
    }

    /// <summary>Creates a booking, closes its nights and posts <c>bookingRequest</c>.</summary>
    /// <param name="request">The booking.</param>
    /// <param name="webhookUrl">Where to post instead of the configured URL.</param>
    /// <param name="cancellationToken">Cancels the notification.</param>
    /// <returns>The booking and the notification's outcome.</returns>
    public async Task<FewoDirektReservationResult> CreateReservationAsync(FewoDirektReservationRequest request, Uri? webhookUrl = null, CancellationToken cancellationToken = default)
    {
        var reservation = _state.FewoDirekt.Create(request);
        return new FewoDirektReservationResult(reservation, await SendAsync(FewoDirektWire.WriteBooking(reservation, asRequest: true), webhookUrl, cancellationToken));
    }

    /// <summary>Moves a booking, and posts <c>bookingUpdate</c> (<c>MODIFIED</c>).</summary>
    /// <param name="reservationId">The booking.</param>
    /// <param name="beginDate">The new check-in.</param>
    /// <param name="endDate">The new check-out.</param>
    /// <param name="webhookUrl">Where to post instead of the configured URL.</param>
    /// <param name="cancellationToken">Cancels the notification.</param>
    /// <returns>The booking and the notification's outcome.</returns>
    public async Task<FewoDirektReservationResult> ModifyReservationAsync(string reservationId, DateOnly beginDate, DateOnly endDate, Uri? webhookUrl = null, CancellationToken cancellationToken = default)
    {
        var reservation = _state.FewoDirekt.Modify(reservationId, beginDate, endDate);
        return new FewoDirektReservationResult(reservation, await SendAsync(FewoDirektWire.WriteBooking(reservation, asRequest: false), webhookUrl, cancellationToken));
    }

    /// <summary>Cancels a booking, reopens its nights and posts <c>bookingUpdate</c> (<c>CANCELLED</c>).</summary>
    /// <param name="reservationId">The booking.</param>
    /// <param name="webhookUrl">Where to post instead of the configured URL.</param>
    /// <param name="cancellationToken">Cancels the notification.</param>
    /// <returns>The booking and the notification's outcome.</returns>
    public async Task<FewoDirektReservationResult> CancelReservationAsync(string reservationId, Uri? webhookUrl = null, CancellationToken cancellationToken = default)
    {
        var reservation = _state.FewoDirekt.Cancel(reservationId);
        return new FewoDirektReservationResult(reservation, await SendAsync(FewoDirektWire.WriteBooking(reservation, asRequest: false), webhookUrl, cancellationToken));
    }

    private async Task<FewoDirektWebhookDelivery?> SendAsync(byte[] body, Uri? webhookUrl, CancellationToken cancellationToken)
    {
        var url = webhookUrl ?? _options.WebhookUrl;
        if (url is null)
        {
            return null;
        }

        var deliveryId = Guid.NewGuid().ToString();
        var text = Encoding.UTF8.GetString(body);
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
        message.Headers.TryAddWithoutValidation(FewoDirektWebhookSigner.DeliveryIdHeader, deliveryId);
        if (!string.IsNullOrEmpty(_options.WebhookSecret))
        {
            message.Headers.TryAddWithoutValidation(FewoDirektWebhookSigner.SignatureHeader, FewoDirektWebhookSigner.Sign(_options.WebhookSecret, _state.TimeProvider.GetUtcNow().ToUnixTimeSeconds(), body));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.WebhookTimeout);
        try
        {
            using var response = await _webhookClient.SendAsync(message, timeout.Token);
            return new FewoDirektWebhookDelivery(url, deliveryId, text, (int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new FewoDirektWebhookDelivery(url, deliveryId, text, null, $"The receiver did not answer within {_options.WebhookTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException ex)
        {
            return new FewoDirektWebhookDelivery(url, deliveryId, text, null, ex.Message);
        }
    }
}
