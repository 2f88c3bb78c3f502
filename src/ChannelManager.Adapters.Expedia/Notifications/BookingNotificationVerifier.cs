using System.Security.Cryptography;
using System.Text;
using System.Xml;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.Expedia.Notifications;

/// <summary>
/// Checks a Booking Notification: XML content type, size, a well-formed SOAP envelope without DTD, and the header's
/// <c>Authentication@Username/@Password</c> against the configured notification credentials (SHA-256 of each, compared
/// in constant time, both always). Failure reasons name what is wrong, never a credential.
/// </summary>
internal static class BookingNotificationVerifier
{
    /// <summary>The reason given when no notification credentials are configured.</summary>
    public const string NotConfiguredReason =
        "Expedia Booking Notification is not configured on this host: set ExpediaOptions.NotificationUsername and NotificationPassword (" +
        ExpediaConfigurationKeys.NotificationUsername + ", " + ExpediaConfigurationKeys.NotificationPassword +
        ") to the credentials given to Expedia. Without them reservations come by Booking Retrieval only.";

    public static WebhookVerificationResult Verify(WebhookRequest request, string? username, string? password)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return WebhookVerificationResult.Rejected(NotConfiguredReason);
        }

        if (!BookingNotificationXml.IsXmlContentType(request.ContentType))
        {
            return WebhookVerificationResult.Rejected("An Expedia Booking Notification is SOAP XML: the Content-Type must be text/xml (or application/soap+xml).");
        }

        if (request.Body.Length > BookingNotificationXml.MaxBodyBytes)
        {
            return WebhookVerificationResult.Rejected($"The Expedia Booking Notification is larger than {BookingNotificationXml.MaxBodyBytes} bytes.");
        }

        BookingNotificationEnvelope envelope;
        try
        {
            envelope = BookingNotificationEnvelope.Read(request.Body);
        }
        catch (XmlException)
        {
            // The credentials are inside the body: without a readable body the sender is not known.
            return WebhookVerificationResult.Rejected("The Expedia Booking Notification is not well-formed XML (DTDs are not accepted), so its credentials cannot be read.");
        }
        catch (FormatException ex)
        {
            return WebhookVerificationResult.Rejected("The Expedia Booking Notification cannot be authenticated: " + ex.Message);
        }

        if (!envelope.HasAuthentication)
        {
            return WebhookVerificationResult.Rejected("The Expedia Booking Notification's SOAP header has no Authentication.");
        }

        // Hashes have one length whatever was sent, and both comparisons always run: the time taken tells nothing.
        var userOk = CryptographicOperations.FixedTimeEquals(Hash(envelope.Username), Hash(username));
        var passwordOk = CryptographicOperations.FixedTimeEquals(Hash(envelope.Password), Hash(password));
        return userOk & passwordOk
            ? WebhookVerificationResult.Authentic
            : WebhookVerificationResult.Rejected("The Expedia Booking Notification's Authentication user name or password does not match.");
    }

    private static byte[] Hash(string? value) => SHA256.HashData(Encoding.UTF8.GetBytes(value ?? string.Empty));
}
