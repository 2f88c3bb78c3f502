using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.ICal.Export;

/// <summary>
/// Derives the secret token of a connection's feed URL (HMAC-SHA256 of tenant and connection under
/// <see cref="ICalOptions.FeedSigningKey"/>, base64url, 43 characters) and checks presented tokens in constant time.
/// A connection's URL can be rotated alone by changing its <c>ical_feed_version</c> metadata.
/// </summary>
internal sealed class ICalFeedTokens(IOptions<ICalOptions> options)
{
    /// <summary>Connection metadata whose value is mixed into the token: change it to revoke one connection's feed URL.</summary>
    public const string FeedVersionMetadataKey = "ical_feed_version";

    public string TokenFor(string tenantId, Guid connectionId, string? feedVersion)
    {
        Span<byte> mac = stackalloc byte[32];
        Compute(tenantId, connectionId, feedVersion, mac);
        return Base64UrlEncode(mac);
    }

    public bool Verify(string tenantId, Guid connectionId, string? feedVersion, string? presented)
    {
        Span<byte> expected = stackalloc byte[32];
        Compute(tenantId, connectionId, feedVersion, expected);
        var expectedText = Encoding.ASCII.GetBytes(Base64UrlEncode(expected));
        var presentedBytes = Encoding.UTF8.GetBytes(presented ?? string.Empty);

        // FixedTimeEquals returns at once on a length mismatch; the length of a token is no secret.
        return CryptographicOperations.FixedTimeEquals(expectedText, presentedBytes);
    }

    /// <summary>A stable, non-reversible tag of a connection for exported UIDs (16 hex characters).</summary>
    public string UidTag(Guid connectionId)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(Key(), Encoding.UTF8.GetBytes("ical-uid:v1:" + connectionId.ToString("N")), mac);
        return Convert.ToHexStringLower(mac[..8]);
    }

    private void Compute(string tenantId, Guid connectionId, string? feedVersion, Span<byte> destination)
    {
        var message = Encoding.UTF8.GetBytes($"ical-feed:v1:{tenantId.Length}:{tenantId}:{connectionId:N}:{feedVersion}");
        HMACSHA256.HashData(Key(), message, destination);
    }

    private byte[] Key() =>
        Encoding.UTF8.GetBytes(options.Value.FeedSigningKey ?? throw new InvalidOperationException("ICal: FeedSigningKey is not set."));

    private static string Base64UrlEncode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
