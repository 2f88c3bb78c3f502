using ChannelManager.SampleHost.Configuration;
using Microsoft.Extensions.Configuration;
using Npgsql;
using StackExchange.Redis;

namespace ChannelManager.AspNetCore.Tests.SampleHostConfiguration;

/// <summary>The reference's DATABASE_URL and REDIS_URL, converted to Npgsql and StackExchange.Redis settings.</summary>
public sealed class ConnectionUrlTests
{
    private const string Password = "p@ss:w/rd%sec";

    [Theory]
    [InlineData("postgresql+asyncpg://cm_user:p%40ss%3Aw%2Frd%25sec@db.internal:6543/channel_manager")]
    [InlineData("postgresql://cm_user:p%40ss%3Aw%2Frd%25sec@db.internal:6543/channel_manager")]
    [InlineData("postgres://cm_user:p%40ss%3Aw%2Frd%25sec@db.internal:6543/channel_manager")]
    public void A_postgres_url_becomes_an_npgsql_connection_string_with_the_password_decoded(string url)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresUrl.ToNpgsqlConnectionString(url));
        Assert.Equal("db.internal", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("cm_user", builder.Username);
        Assert.Equal(Password, builder.Password);
        Assert.Equal("channel_manager", builder.Database);
        Assert.Equal(SslMode.Prefer, builder.SslMode);
    }

    [Fact]
    public void A_postgres_url_keeps_sslmode_and_defaults_the_port()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresUrl.ToNpgsqlConnectionString("postgresql://u:p@[::1]/db?sslmode=verify-full&application_name=cm"));
        Assert.Equal("::1", builder.Host);
        Assert.Equal(NpgsqlConnection.DefaultPort, builder.Port);
        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("cm", builder.ApplicationName);

        Assert.Equal(SslMode.Require, new NpgsqlConnectionStringBuilder(PostgresUrl.ToNpgsqlConnectionString("postgresql+asyncpg://u:p@h/db?ssl=require")).SslMode);
    }

    [Theory]
    [InlineData("mysql://u:" + Password + "@h/db")]
    [InlineData("postgresql://u:" + Password + "@h:99999/db")]
    [InlineData("postgresql://u:" + Password + "@h:5432")]
    [InlineData("postgresql://u:" + Password + "@:5432/db")]
    [InlineData("postgresql://u:" + Password + "@h/db?sslmode=sometimes")]
    [InlineData("Host=h;Password=" + Password)]
    public void A_malformed_postgres_url_is_refused_without_echoing_the_password(string url)
    {
        var error = Assert.Throws<FormatException>(() => PostgresUrl.ToNpgsqlConnectionString(url));
        Assert.DoesNotContain("ss:w", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_redis_url_becomes_a_stack_exchange_configuration()
    {
        var options = ConfigurationOptions.Parse(RedisUrl.ToStackExchangeConfiguration("redis://localhost:6379/0"));
        Assert.Equal("localhost:6379", Endpoint(options));
        Assert.Equal(0, options.DefaultDatabase);
        Assert.False(options.Ssl);
        Assert.Null(options.Password);
    }

    [Fact]
    public void A_rediss_url_with_user_and_password_turns_on_tls()
    {
        var options = ConfigurationOptions.Parse(RedisUrl.ToStackExchangeConfiguration("rediss://worker:p%40ss%3Aw%2Frd%25sec@cache.internal:6380/3"));
        Assert.Equal("cache.internal:6380", Endpoint(options));
        Assert.True(options.Ssl);
        Assert.Equal("cache.internal", options.SslHost);
        Assert.Equal("worker", options.User);
        Assert.Equal(Password, options.Password);
        Assert.Equal(3, options.DefaultDatabase);

        var passwordOnly = ConfigurationOptions.Parse(RedisUrl.ToStackExchangeConfiguration("redis://:secret@cache"));
        Assert.Null(passwordOnly.User);
        Assert.Equal("secret", passwordOnly.Password);
        Assert.Equal("cache:" + RedisUrl.DefaultPort, Endpoint(passwordOnly));
    }

    [Theory]
    [InlineData("http://:" + Password + "@cache:6379/0")]
    [InlineData("redis://:" + Password + "@cache:port/0")]
    [InlineData("redis://:" + Password + "@cache:6379/zero")]
    [InlineData("127.0.0.1:6379,password=" + Password)]
    public void A_malformed_redis_url_is_refused_without_echoing_the_password(string url)
    {
        var error = Assert.Throws<FormatException>(() => RedisUrl.ToStackExchangeConfiguration(url));
        Assert.DoesNotContain("ss:w", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_connection_strings_win_over_the_urls_and_a_bad_url_is_reported_by_its_variable()
    {
        var both = Configuration(("ConnectionStrings:Postgres", "Host=explicit;Database=db"), ("DATABASE_URL", "postgresql://u:p@fromurl/db"), ("REDIS_URL", "redis://cache:6379/0"));
        Assert.Equal("Host=explicit;Database=db", SampleHostConnections.Postgres(both).ConnectionString);
        Assert.Equal(SampleHostConnections.PostgresConnectionString, SampleHostConnections.Postgres(both).Source);
        Assert.Equal(SampleHostConnections.RedisUrlSetting, SampleHostConnections.Redis(both).Source);
        Assert.Contains("cache:6379", SampleHostConnections.Redis(both).ConnectionString, StringComparison.Ordinal);

        var bad = SampleHostConnections.Postgres(Configuration(("DATABASE_URL", "postgresql://u:" + Password + "@h:70000/db")));
        Assert.False(bad.IsConfigured);
        Assert.StartsWith("DATABASE_URL ", bad.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ss:w", bad.Error, StringComparison.Ordinal);

        var none = SampleHostConnections.Redis(Configuration());
        Assert.False(none.IsConfigured);
        Assert.Null(none.Error);
    }

    [Theory]
    [InlineData("INFO", "Information")]
    [InlineData("warning", "Warning")]
    [InlineData("DEBUG", "Debug")]
    [InlineData("CRITICAL", "Critical")]
    [InlineData("Trace", "Trace")]
    public void Log_level_takes_the_references_names(string value, string expected) => Assert.Equal(expected, ReferenceSettings.MapLogLevel(value));

    [Fact]
    public void Environment_names_the_host_environment_unless_the_dotnet_variables_do()
    {
        Assert.Equal("Production", ReferenceSettings.EnvironmentName(name => name == "ENVIRONMENT" ? "production" : null));
        Assert.Equal("Development", ReferenceSettings.EnvironmentName(name => name == "ENVIRONMENT" ? "development" : null));
        Assert.Null(ReferenceSettings.EnvironmentName(name => name switch { "ENVIRONMENT" => "production", "ASPNETCORE_ENVIRONMENT" => "Development", _ => null }));
        Assert.Null(ReferenceSettings.EnvironmentName(_ => null));
    }

    private static string Endpoint(ConfigurationOptions options) => Assert.Single(options.EndPoints) switch
    {
        System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        var other => other.ToString()!,
    };

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
