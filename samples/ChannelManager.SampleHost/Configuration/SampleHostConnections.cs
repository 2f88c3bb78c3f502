namespace ChannelManager.SampleHost.Configuration;

/// <summary>
/// Where the sample host finds PostgreSQL and Redis: the .NET connection strings (<c>ConnectionStrings:Postgres</c>,
/// <c>ConnectionStrings:Redis</c>, env <c>ConnectionStrings__Postgres</c> / <c>ConnectionStrings__Redis</c>) win; else
/// the reference's URLs (<c>DATABASE_URL</c>, <c>REDIS_URL</c>), converted by <see cref="PostgresUrl"/> and
/// <see cref="RedisUrl"/>. Neither set: embedded defaults.
/// </summary>
internal static class SampleHostConnections
{
    /// <summary>The Npgsql connection string setting.</summary>
    public const string PostgresConnectionString = "ConnectionStrings:Postgres";

    /// <summary>The StackExchange.Redis configuration setting.</summary>
    public const string RedisConnectionString = "ConnectionStrings:Redis";

    /// <summary>The reference's PostgreSQL URL (<c>postgresql+asyncpg://user:pass@host:5432/db</c>).</summary>
    public const string DatabaseUrl = "DATABASE_URL";

    /// <summary>The reference's Redis URL (<c>redis://localhost:6379/0</c>, <c>rediss://</c> for TLS).</summary>
    public const string RedisUrlSetting = "REDIS_URL";

    /// <summary>Resolves PostgreSQL.</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>The setting.</returns>
    public static ConnectionSetting Postgres(IConfiguration configuration) =>
        Resolve(configuration, PostgresConnectionString, DatabaseUrl, PostgresUrl.ToNpgsqlConnectionString);

    /// <summary>Resolves Redis.</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>The setting.</returns>
    public static ConnectionSetting Redis(IConfiguration configuration) =>
        Resolve(configuration, RedisConnectionString, RedisUrlSetting, RedisUrl.ToStackExchangeConfiguration);

    private static ConnectionSetting Resolve(IConfiguration configuration, string connectionStringKey, string urlKey, Func<string, string> convert)
    {
        if (configuration[connectionStringKey] is { } connectionString && !string.IsNullOrWhiteSpace(connectionString))
        {
            return new ConnectionSetting(connectionString, connectionStringKey, null);
        }

        if (configuration[urlKey] is not { } url || string.IsNullOrWhiteSpace(url))
        {
            return new ConnectionSetting(null, null, null);
        }

        try
        {
            return new ConnectionSetting(convert(url), urlKey, null);
        }
        catch (FormatException ex)
        {
            // The parsers' messages describe the shape, never the value (it may carry a password).
            return new ConnectionSetting(null, urlKey, $"{urlKey} {ex.Message}");
        }
    }
}
