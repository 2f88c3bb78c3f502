using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.Expedia;

/// <summary>One attempt to deliver a Booking Notification.</summary>
/// <param name="RetryIndicator">Whether it was sent as a resend (<c>RetryIndicator="true"</c>).</param>
/// <param name="StatusCode">The partner's HTTP status; <see langword="null"/> when it did not answer.</param>
/// <param name="Success">Whether the answer was a Success for this request and booking.</param>
/// <param name="Problem">Why not.</param>
/// <param name="ResponseBody">The partner's answer, as received.</param>
public sealed record ExpediaBookingNotificationAttempt(bool RetryIndicator, int? StatusCode, bool Success, string? Problem, string? ResponseBody);

/// <summary>A Booking Notification the simulated Expedia sent, with every attempt.</summary>
/// <param name="Url">Where it was posted.</param>
/// <param name="RequestId">The <c>PayloadInfo@RequestId</c> (the same for every attempt).</param>
/// <param name="BookingId">The booking.</param>
/// <param name="ResStatus"><c>Commit</c>, <c>Modify</c> or <c>Cancel</c>.</param>
/// <param name="Body">The first attempt's exact body.</param>
/// <param name="Attempts">Every attempt, in order.</param>
/// <param name="ConfirmNumber">The partner's confirmation number from the successful answer.</param>
public sealed record ExpediaBookingNotificationDelivery(
    Uri Url,
    string RequestId,
    string BookingId,
    string ResStatus,
    string Body,
    IReadOnlyList<ExpediaBookingNotificationAttempt> Attempts,
    string? ConfirmNumber)
{
    /// <summary>Whether Expedia "got" a Success: the last attempt was answered with one.</summary>
    public bool Delivered => Attempts.Count > 0 && Attempts[^1].Success;
}

/// <summary>
/// The Booking Notification (BN) delivery of the simulated Expedia: posts a booking's latest message as SOAP
/// <c>OTA_HotelResNotifRQ</c> (<c>text/xml</c>) with the configured credentials, and waits for the synchronous
/// <c>OTA_HotelResNotifRS</c>. Anything but a Success that echoes the request id and the booking (an HTTP error, no
/// answer in time, a SOAP fault, errors) is sent again with the same request id and <c>RetryIndicator="true"</c>, up
/// to <see cref="ExpediaSimulatorOptions.BookingNotificationAttempts"/> times. A Success confirms the booking (status
/// <c>confirmed</c>, the partner's number), as Booking Confirmation would.
/// </summary>
public sealed class ExpediaBookingNotifier
{
    private readonly SimulatorState _state;
    private readonly ExpediaSimulatorOptions _options;
    private readonly HttpClient _client;
    private readonly Lock _gate = new();
    private readonly List<ExpediaBookingNotificationDelivery> _deliveries = [];

    internal ExpediaBookingNotifier(SimulatorState state, ExpediaSimulatorOptions options, HttpClient client)
    {
        _state = state;
        _options = options;
        _client = client;
    }

    /// <summary>Every notification sent, oldest first.</summary>
    public IReadOnlyList<ExpediaBookingNotificationDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return _deliveries.ToArray();
            }
        }
    }

    /// <summary>Sends the notification of a booking's latest message (Commit, Modify or Cancel).</summary>
    /// <param name="bookingId">The booking.</param>
    /// <param name="url">Where to post instead of <see cref="ExpediaSimulatorOptions.BookingNotificationUrl"/>.</param>
    /// <param name="requestId">The request id; a new one when omitted (pass an earlier one to resend it).</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>The delivery with its attempts.</returns>
    /// <exception cref="KeyNotFoundException">When the booking is unknown.</exception>
    /// <exception cref="InvalidOperationException">When no URL is configured or given.</exception>
    public async Task<ExpediaBookingNotificationDelivery> SendAsync(string bookingId, Uri? url = null, string? requestId = null, CancellationToken cancellationToken = default)
    {
        var reservation = _state.Expedia.GetReservation(bookingId) ?? throw new KeyNotFoundException($"Booking {bookingId} was not found.");
        var target = url ?? _options.BookingNotificationUrl ?? throw new InvalidOperationException("No Booking Notification URL is configured (Expedia.BookingNotificationUrl) or given (webhook_url).");
        var id = requestId ?? Guid.NewGuid().ToString();
        var attempts = new List<ExpediaBookingNotificationAttempt>();
        var maxAttempts = Math.Max(1, _options.BookingNotificationAttempts);
        string? first = null;
        string? confirmNumber = null;
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(_options.BookingNotificationRetryDelay, cancellationToken);
            }

            var retry = attempt > 0;
            var body = ExpediaBookingNotificationWire.Request(reservation, id, retry, _options.NotificationUsername, _options.NotificationPassword);
            first ??= Encoding.UTF8.GetString(body);
            var result = await PostAsync(target, body, id, bookingId, retry, cancellationToken);
            attempts.Add(result.Attempt);
            if (result.Attempt.Success)
            {
                confirmNumber = result.ConfirmNumber;
                _state.Expedia.ConfirmByNotification(bookingId, reservation.Type, confirmNumber);
                break;
            }
        }

        var delivery = new ExpediaBookingNotificationDelivery(target, id, bookingId, ExpediaBookingNotificationWire.ResStatusOf(reservation), first!, attempts, confirmNumber);
        lock (_gate)
        {
            _deliveries.Add(delivery);
        }

        return delivery;
    }

    private async Task<(ExpediaBookingNotificationAttempt Attempt, string? ConfirmNumber)> PostAsync(Uri url, byte[] body, string requestId, string bookingId, bool retry, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        message.Headers.TryAddWithoutValidation("SOAPAction", "\"OTA_HotelResNotifRQ\"");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.BookingNotificationTimeout);
        try
        {
            using var response = await _client.SendAsync(message, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                return (new ExpediaBookingNotificationAttempt(retry, status, false, $"The partner answered HTTP {status}.", text), null);
            }

            var answer = ExpediaBookingNotificationWire.ReadAnswer(text, requestId, bookingId);
            return (new ExpediaBookingNotificationAttempt(retry, status, answer.Success, answer.Problem, text), answer.ConfirmNumber);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (new ExpediaBookingNotificationAttempt(retry, null, false, $"The partner did not answer within {_options.BookingNotificationTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.", null), null);
        }
        catch (HttpRequestException ex)
        {
            return (new ExpediaBookingNotificationAttempt(retry, null, false, ex.Message, null), null);
        }
    }
}
