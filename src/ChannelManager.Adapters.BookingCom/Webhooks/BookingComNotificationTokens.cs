using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ChannelManager.Adapters.BookingCom;

/// <summary>
/// The JWTs of Booking.com's Connectivity Notification Service. Booking.com is the OAuth2 client: it fetches a token
/// from the partner's token endpoint (with credentials registered in the Provider Portal) and sends it as
/// <c>Authorization: Bearer</c> on every notification. The token format is the partner's choice; this adapter uses
/// HS256 JWTs signed with <see cref="BookingComOptions.NotificationSigningKey"/>: the host's token endpoint calls
/// <see cref="Issue"/>, and the adapter's <c>VerifyWebhook</c> checks them.
/// </summary>
public static class BookingComNotificationTokens
{
    /// <summary>Issues an HS256 JWT for the notification service.</summary>
    /// <param name="signingKey">The key (<see cref="BookingComOptions.NotificationSigningKey"/>, at least 32 characters).</param>
    /// <param name="subject">The <c>sub</c> claim, e.g. the client id Booking.com authenticated with.</param>
    /// <param name="issuedAt">When the token is issued.</param>
    /// <param name="lifetime">How long it is valid (<c>exp</c> = <paramref name="issuedAt"/> + lifetime).</param>
    /// <param name="audience">The <c>aud</c> claim, when the verifier expects one.</param>
    /// <returns>The compact JWT.</returns>
    public static string Issue(string signingKey, string subject, DateTimeOffset issuedAt, TimeSpan lifetime, string? audience = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingKey);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "The lifetime must be positive.");
        }

        var header = Base64Url.EncodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);
        using var payloadStream = new MemoryStream();
        using (var json = new Utf8JsonWriter(payloadStream))
        {
            json.WriteStartObject();
            json.WriteString("sub", subject);
            if (audience is not null)
            {
                json.WriteString("aud", audience);
            }

            json.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            json.WriteNumber("exp", (issuedAt + lifetime).ToUnixTimeSeconds());
            json.WriteString("jti", Guid.NewGuid().ToString("N"));
            json.WriteEndObject();
        }

        var payload = Base64Url.EncodeToString(payloadStream.ToArray());
        var signature = Base64Url.EncodeToString(Sign(signingKey, header + "." + payload));
        return header + "." + payload + "." + signature;
    }

    internal static byte[] Sign(string key, string signingInput) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(signingInput));
}
