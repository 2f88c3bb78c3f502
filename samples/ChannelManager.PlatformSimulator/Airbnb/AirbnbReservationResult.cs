namespace ChannelManager.Simulator.Airbnb;

/// <summary>The outcome of creating, altering or cancelling a reservation on the simulated Airbnb.</summary>
/// <param name="Reservation">The reservation as it now is.</param>
/// <param name="Webhook">The webhook sent about it; <see langword="null"/> when no webhook URL is configured.</param>
public sealed record AirbnbReservationResult(AirbnbReservation Reservation, AirbnbWebhookDelivery? Webhook)
{
    /// <summary>The status the webhook receiver answered, if a webhook was sent and answered.</summary>
    public int? WebhookStatusCode => Webhook?.StatusCode;
}
