namespace ChannelManager.Simulator.Airbnb;

/// <summary>A webhook the simulated Airbnb sent.</summary>
/// <param name="Url">Where it was sent.</param>
/// <param name="Action">The notification's <c>action</c>.</param>
/// <param name="DeliveryId">The <c>X-Airbnb-Delivery-Id</c> sent.</param>
/// <param name="Body">The exact body sent.</param>
/// <param name="StatusCode">The status the receiver answered; <see langword="null"/> when it did not answer.</param>
/// <param name="Error">Why the receiver did not answer.</param>
public sealed record AirbnbWebhookDelivery(Uri Url, string Action, string DeliveryId, string Body, int? StatusCode, string? Error);
