using System.Globalization;

namespace ChannelManager.SampleHost.Configuration;

/// <summary>
/// The parts of a <c>scheme://[user[:password]@]host[:port][/path][?query]</c> connection URL, user and password
/// URL-decoded. Parsed by hand (not <see cref="Uri"/>) so that an error can never echo the password.
/// </summary>
/// <param name="Scheme">The scheme, lower case.</param>
/// <param name="User">The user, or <see langword="null"/>.</param>
/// <param name="Password">The password, or <see langword="null"/>.</param>
/// <param name="Host">The host (brackets of an IPv6 address removed).</param>
/// <param name="Port">The port, or <see langword="null"/>.</param>
/// <param name="Path">The path, from its leading slash, or empty.</param>
/// <param name="Query">The query parameters, decoded.</param>
internal sealed record ConnectionUrl(string Scheme, string? User, string? Password, string Host, int? Port, string Path, IReadOnlyList<(string Name, string Value)> Query)
{
    /// <summary>Parses a connection URL.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="schemes">The schemes accepted.</param>
    /// <param name="what">What the URL should be, for messages ("a Redis URL").</param>
    /// <returns>The parts.</returns>
    /// <exception cref="FormatException">The URL is malformed; the message never contains the user's password.</exception>
    public static ConnectionUrl Parse(string url, IReadOnlyList<string> schemes, string what)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? url[..schemeEnd].ToLowerInvariant() : string.Empty;
        if (!schemes.Contains(scheme, StringComparer.Ordinal))
        {
            throw new FormatException($"must be {what} starting with {string.Join(", ", schemes.Select(s => s + "://"))}.");
        }

        var rest = url[(schemeEnd + 3)..];
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart >= 0 ? rest[(queryStart + 1)..] : string.Empty;
        rest = queryStart >= 0 ? rest[..queryStart] : rest;
        var pathStart = rest.IndexOf('/', StringComparison.Ordinal);
        var path = pathStart >= 0 ? rest[pathStart..] : string.Empty;
        var authority = pathStart >= 0 ? rest[..pathStart] : rest;

        string? user = null;
        string? password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon >= 0 ? userInfo[..colon] : userInfo);
            password = colon >= 0 ? Uri.UnescapeDataString(userInfo[(colon + 1)..]) : null;
            user = user.Length == 0 ? null : user;
        }

        var (host, port) = SplitHostAndPort(authority);
        var parameters = new List<(string, string)>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            parameters.Add(equals >= 0
                ? (Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]))
                : (Uri.UnescapeDataString(pair), string.Empty));
        }

        return new ConnectionUrl(scheme, user, password, host, port, path, parameters);
    }

    private static (string Host, int? Port) SplitHostAndPort(string authority)
    {
        string host;
        string? port = null;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException("has an IPv6 host without its closing ']'.");
            }

            host = authority[1..close];
            var after = authority[(close + 1)..];
            if (after.Length > 0)
            {
                port = after.StartsWith(':') ? after[1..] : throw new FormatException("has text after the IPv6 host that is not a port.");
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon >= 0 ? authority[..colon] : authority;
            port = colon >= 0 ? authority[(colon + 1)..] : null;
        }

        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c is '@' or '/' or '?' or '#'))
        {
            throw new FormatException("must name a host (scheme://user:password@host:port/…).");
        }

        if (port is null)
        {
            return (host, null);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535
            ? (host, number)
            : throw new FormatException("has a port that is not a number between 1 and 65535.");
    }
}
