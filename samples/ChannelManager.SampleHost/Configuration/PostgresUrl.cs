using System.Globalization;
using Npgsql;

namespace ChannelManager.SampleHost.Configuration;

/// <summary>
/// Turns the reference's <c>DATABASE_URL</c> (<c>postgresql+asyncpg://user:pass@host:port/db?sslmode=require</c>, also
/// <c>postgres://</c> and <c>postgresql://</c>) into an Npgsql connection string. User and password are URL-decoded.
/// Errors name what is wrong, never the password.
/// </summary>
internal static class PostgresUrl
{
    /// <summary>The URL schemes accepted.</summary>
    public static IReadOnlyList<string> Schemes { get; } = ["postgres", "postgresql", "postgresql+asyncpg"];

    /// <summary>Converts a PostgreSQL URL to an Npgsql connection string.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The connection string.</returns>
    /// <exception cref="FormatException">The URL is malformed; the message never contains the password.</exception>
    public static string ToNpgsqlConnectionString(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var parts = ConnectionUrl.Parse(url.Trim(), Schemes, "a PostgreSQL URL");
        var database = parts.Path.Trim('/');
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw new FormatException("must name one database after the host (…@host:5432/<database>).");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = parts.Host,
            Database = Uri.UnescapeDataString(database),
        };
        if (parts.Port is { } port)
        {
            builder.Port = port;
        }

        if (parts.User is { } user)
        {
            builder.Username = user;
        }

        if (parts.Password is { } password)
        {
            builder.Password = password;
        }

        foreach (var (name, value) in parts.Query)
        {
            switch (name.ToLowerInvariant())
            {
                case "sslmode":
                    builder.SslMode = value.ToLowerInvariant() switch
                    {
                        "disable" => SslMode.Disable,
                        "allow" => SslMode.Allow,
                        "prefer" => SslMode.Prefer,
                        "require" => SslMode.Require,
                        "verify-ca" => SslMode.VerifyCA,
                        "verify-full" => SslMode.VerifyFull,
                        _ => throw new FormatException("sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full."),
                    };
                    break;
                case "ssl":
                    // asyncpg spells it ssl=true|require.
                    builder.SslMode = value.ToLowerInvariant() is "true" or "require" or "1" ? SslMode.Require : SslMode.Disable;
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "connect_timeout":
                    builder.Timeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                        ? seconds
                        : throw new FormatException("connect_timeout must be a whole number of seconds.");
                    break;
                default:
                    // Unknown parameters (asyncpg's prepared_statement_cache_size, …) mean nothing to Npgsql.
                    break;
            }
        }

        return builder.ConnectionString;
    }
}
