using ChannelManager.Connections;
using ChannelManager.Engine.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Tests.Configuration;

/// <summary>
/// The engine's settings are validated when the host starts, and every message names the configuration key
/// (<c>ChannelManager:…</c> or the environment variable), never a configured value. No server is contacted: the start
/// fails before any hosted service runs.
/// </summary>
public sealed class EngineStartupValidationTests
{
    private const string DatabasePassword = "pg-password-never-in-a-message";

    [Fact]
    public async Task PostgreSQL_without_a_connection_string_fails_naming_the_setting()
    {
        var message = await StartFailureAsync(b => b.Services.AddChannelManager().UsePostgres(o => o.ConnectionString = ""), ("CHANNEL_MANAGER_TOKEN_KEY", ChannelManager.Testing.TestTokenKeys.Current));
        Assert.Contains("ChannelManager:Postgres:ConnectionString is required", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSQL_without_a_token_encryption_key_fails_naming_both_of_its_settings()
    {
        var message = await StartFailureAsync(b => b.Services.AddChannelManager().UsePostgres(o => o.ConnectionString = $"Host=127.0.0.1;Port=1;Username=cm;Password={DatabasePassword};Database=cm"));
        Assert.Contains(TokenEncryptionOptions.KeysSetting, message, StringComparison.Ordinal);
        Assert.Contains(TokenEncryptionOptions.KeyEnvironmentVariable, message, StringComparison.Ordinal);
        Assert.DoesNotContain(DatabasePassword, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_token_encryption_key_fails_naming_the_setting_without_the_key()
    {
        const string NotAKey = "this-is-not-base64-of-32-bytes";
        var message = await StartFailureAsync(
            b => b.Services.AddChannelManager().UsePostgres(o => o.ConnectionString = "Host=127.0.0.1;Port=1;Database=cm"),
            ("CHANNEL_MANAGER_TOKEN_KEY", NotAKey));
        Assert.Contains(TokenEncryptionOptions.KeyEnvironmentVariable, message, StringComparison.Ordinal);
        Assert.DoesNotContain(NotAKey, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redis_streams_without_a_connection_string_fail_naming_the_setting()
    {
        var message = await StartFailureAsync(b => b.Services.AddChannelManager().UseRedisStreams(o => o.ConnectionString = null!));
        Assert.Contains("ChannelManager:RedisStreams:ConnectionString is required", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Engine_settings_out_of_range_fail_naming_their_configuration_keys()
    {
        var message = await StartFailureAsync(b => b.Services.AddChannelManager(o =>
        {
            o.SyncWindowDays = 0;
            o.InboxPollInterval = TimeSpan.Zero;
            o.MaxReservationNights = 0;
            o.DefaultResilience.RetryBaseDelay = TimeSpan.Zero;
            o.PlatformResilience[Platform.Airbnb] = new() { AttemptTimeout = TimeSpan.Zero };
        }));
        Assert.Contains("ChannelManager:SyncWindowDays", message, StringComparison.Ordinal);
        Assert.Contains("ChannelManager:InboxPollInterval must be positive", message, StringComparison.Ordinal);
        Assert.Contains("ChannelManager:MaxReservationNights", message, StringComparison.Ordinal);
        Assert.Contains("ChannelManager:DefaultResilience:RetryBaseDelay must be positive", message, StringComparison.Ordinal);
        Assert.Contains("ChannelManager:PlatformResilience:Airbnb:AttemptTimeout must be positive", message, StringComparison.Ordinal);
    }

    private static async Task<string> StartFailureAsync(Action<HostApplicationBuilder> configure, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        configure(builder);
        using var host = builder.Build();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));
        var failures = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [error];
        Assert.All(failures, e => Assert.IsType<OptionsValidationException>(e));
        return string.Join(Environment.NewLine, failures.Select(e => e.Message));
    }
}
