using System.Globalization;
using StackExchange.Redis;

namespace ChannelManager.SampleHost.Configuration;

/// <summary>
/// Turns the reference's <c>REDIS_URL</c> (<c>redis://[user:pass@]host:port/db</c>, <c>rediss://</c> for TLS) into a
/// StackExchange.Redis configuration string. User and password are URL-decoded. Errors never contain the password.
/// </summary>
internal static class RedisUrl
{
    /// <summary>The port used when the URL names none.</summary>
    public const int DefaultPort = 6379;

    /// <summary>The URL schemes accepted: <c>redis</c>, and <c>rediss</c> (TLS).</summary>
    public static IReadOnlyList<string> Schemes { get; } = ["redis", "rediss"];

    /// <summary>Converts a Redis URL to a StackExchange.Redis configuration string.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The configuration string.</returns>
    /// <exception cref="FormatException">The URL is malformed; the message never contains the password.</exception>
    public static string ToStackExchangeConfiguration(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var parts = ConnectionUrl.Parse(url.Trim(), Schemes, "a Redis URL");
        var tls = parts.Scheme == "rediss";
        var options = new ConfigurationOptions { Ssl = tls, AbortOnConnectFail = false };
        options.EndPoints.Add(parts.Host, parts.Port ?? DefaultPort);
        if (tls)
        {
            options.SslHost = parts.Host;
        }

        var path = parts.Path.Trim('/');
        if (path.Length > 0)
        {
            options.DefaultDatabase = int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var database) && database < 16_384
                ? database
                : throw new FormatException("the path must be a database number (redis://host:6379/0).");
        }

        // redis://:password@host (no user) is the common form; a user selects an ACL user (Redis 6+).
        if (!string.IsNullOrEmpty(parts.User))
        {
            options.User = parts.User;
        }

        if (parts.Password is { Length: > 0 } password)
        {
            options.Password = password;
        }

        return options.ToString(includePassword: true);
    }
}
