namespace ChannelManager.Webhooks;

/// <summary>
/// Implemented by an adapter whose platform expects a specific synchronous answer to a notification
/// (e.g. Expedia's Booking Notification wants an <c>OTA_HotelResNotifRS</c> SOAP envelope). Without it the
/// webhook endpoint answers with its own JSON acknowledgement.
/// </summary>
public interface IWebhookReplyWriter
{
    /// <summary>
    /// Builds the answer to a notification that was authentic and has been stored in the inbox (or was a duplicate
    /// of one already stored). Called only after the notification is durable, so the answer may acknowledge it.
    /// </summary>
    /// <param name="request">The request as it arrived (already verified).</param>
    /// <param name="duplicate">Whether the notification was a duplicate of one already stored.</param>
    /// <returns>The answer, or <see langword="null"/> to use the endpoint's default acknowledgement.</returns>
    WebhookReply? CreateReply(WebhookRequest request, bool duplicate);
}
