using System.Security.Cryptography;
using System.Text;

namespace ChannelManager.Adapters.FewoDirekt.Api;

/// <summary>
/// Checks the HTTP Basic credentials on Vrbo's calls — feed reads, <c>bookingRequest</c> posts — against the ones the
/// partner issued (<see cref="FewoDirektOptions.FeedUsername"/>/<see cref="FewoDirektOptions.FeedPassword"/>). <b>The
/// scheme is ASSUMED</b> (<see cref="FewoDirektWire.AuthenticationScheme"/>: platforms.md §4 says only "partner-issued
/// credentials"; OwnerRez uses HTTP Basic). Compared in constant time (SHA-256 of both, so not even the length
/// leaks); reasons name the header, never a credential.
/// </summary>
internal static class FewoDirektBasicAuthentication
{
    /// <summary>Whether the <c>Authorization</c> header carries the configured credentials; <paramref name="reason"/> says why not.</summary>
    public static bool IsAuthorized(string? authorization, FewoDirektOptions options, out string reason)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.FeedUsername) || string.IsNullOrEmpty(options.FeedPassword))
        {
            reason = "FeWo-direkt credentials are not configured.";
            return false;
        }

        var prefix = FewoDirektWire.AuthenticationScheme + " ";
        if (string.IsNullOrWhiteSpace(authorization) || !authorization.TrimStart().StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            reason = "The Authorization header with HTTP Basic credentials is missing.";
            return false;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromBase64String(authorization.TrimStart()[prefix.Length..].Trim());
        }
        catch (FormatException)
        {
            reason = "The Authorization header is not valid HTTP Basic.";
            return false;
        }

        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.FeedUsername + ":" + options.FeedPassword));
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(presented), expected))
        {
            reason = "The HTTP Basic credentials are wrong.";
            return false;
        }

        reason = string.Empty;
        return true;
    }
}
