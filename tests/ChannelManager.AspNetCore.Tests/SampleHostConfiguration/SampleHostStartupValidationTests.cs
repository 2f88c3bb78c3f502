using System.Security.Cryptography;
using ChannelManager.SampleHost;
using ChannelManager.SampleHost.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelManager.AspNetCore.Tests.SampleHostConfiguration;

/// <summary>
/// The sample host started as a deployment starts it: in Production it refuses demo defaults, and every required
/// setting missing (or malformed) stops the start with a message naming that setting, all problems at once, never a
/// configured secret. Each case removes one setting from a complete production configuration, so the message naming
/// only that one shows the rest passed.
/// </summary>
public sealed class SampleHostStartupValidationTests
{
    private const string DatabasePassword = "db-pa55word-never-logged";
    private static readonly string TokenKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The production settings and the text the start-up error must contain without each.</summary>
    public static TheoryData<string, string> RequiredProductionSettings => new()
    {
        { "SampleHost:ApiKeys:tenant-a", "SampleHost:ApiKeys:{tenant}" },
        { "DATABASE_URL", "ConnectionStrings:Postgres (env ConnectionStrings__Postgres) or DATABASE_URL is required in Production" },
        { "CHANNEL_MANAGER_TOKEN_KEY", "CHANNEL_MANAGER_TOKEN_KEY" },
        { "AIRBNB_CLIENT_ID", "AIRBNB_CLIENT_ID" },
        { "AIRBNB_WEBHOOK_SECRET", "AIRBNB_WEBHOOK_SECRET" },
    };

    [Theory]
    [MemberData(nameof(RequiredProductionSettings))]
    public void In_production_without_a_required_setting_the_start_fails_naming_it(string key, string expected)
    {
        var settings = ProductionSettings();
        Assert.True(settings.Remove(key));

        var message = StartFailure("Production", settings);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain(DatabasePassword, message, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenKey, message, StringComparison.Ordinal);
        foreach (var other in RequiredProductionSettings.Select(row => row.Data.Item2).Where(e => e != expected && !(key == "AIRBNB_CLIENT_ID" && e.StartsWith("AIRBNB", StringComparison.Ordinal))))
        {
            Assert.DoesNotContain(other, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void In_production_with_nothing_configured_every_problem_is_named_at_once()
    {
        var message = StartFailure("Production", new() { ["Simulator:Enabled"] = "false" });
        Assert.Contains("SampleHost:ApiKeys:{tenant}", message, StringComparison.Ordinal);
        Assert.Contains("DATABASE_URL", message, StringComparison.Ordinal);
        Assert.Contains("No platform is configured in Production", message, StringComparison.Ordinal);
        Assert.Contains("AIRBNB_CLIENT_ID", message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_production_the_simulator_demo_is_refused_unless_demo_mode_is_set()
    {
        var message = StartFailure("Production", new() { ["Simulator:Port"] = "0" });
        Assert.Contains("Simulator:Enabled is true in Production", message, StringComparison.Ordinal);
        Assert.Contains("SampleHost:DemoMode=true", message, StringComparison.Ordinal);

        using var demo = Factory("Production", new() { ["Simulator:Port"] = "0", ["SampleHost:DemoMode"] = "true" });
        Assert.NotEmpty(demo.Services.GetRequiredService<SampleApiKeys>().DemoKeys);
    }

    [Fact]
    public void In_development_the_demo_needs_no_settings()
    {
        using var demo = Factory("Development", new() { ["Simulator:Port"] = "0" });
        Assert.NotEmpty(demo.Services.GetRequiredService<SampleApiKeys>().DemoKeys);
    }

    [Theory]
    [InlineData("DATABASE_URL", "postgresql://cm:" + DatabasePassword + "@db:notaport/cm")]
    [InlineData("DATABASE_URL", "mysql://cm:" + DatabasePassword + "@db/cm")]
    [InlineData("REDIS_URL", "redis://:" + DatabasePassword + "@cache:6379/not-a-db")]
    [InlineData("LOG_LEVEL", "LOUD")]
    public void A_malformed_reference_setting_fails_the_start_naming_the_variable_without_its_password(string key, string value)
    {
        var settings = ProductionSettings();
        settings[key] = value;

        var message = StartFailure("Production", settings);
        Assert.Contains(key + " ", message, StringComparison.Ordinal);
        Assert.DoesNotContain(DatabasePassword, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_url_is_reported_outside_production_too()
    {
        var message = StartFailure("Development", new() { ["Simulator:Port"] = "0", ["REDIS_URL"] = "http://cache:6379" });
        Assert.Contains("REDIS_URL must be a Redis URL", message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> ProductionSettings() => new()
    {
        ["Simulator:Enabled"] = "false",
        ["SampleHost:ApiKeys:tenant-a"] = SampleApiKeys.HashOf("tenant-a-key"),
        ["DATABASE_URL"] = $"postgresql+asyncpg://cm:{DatabasePassword}@127.0.0.1:1/channel_manager",
        ["CHANNEL_MANAGER_TOKEN_KEY"] = TokenKey,
        ["AIRBNB_CLIENT_ID"] = "client",
        ["AIRBNB_WEBHOOK_SECRET"] = "webhook-secret-0123456789abcdef",
    };

    private static WebApplicationFactory<SampleHostEntryPoint> Factory(string environment, Dictionary<string, string?> settings) =>
        new WebApplicationFactory<SampleHostEntryPoint>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });

    private static string StartFailure(string environment, Dictionary<string, string?> settings)
    {
        // WebApplicationFactory's deferred host reads the application's services after the entry point started it; when
        // the start fails fast, the entry point may have disposed the host first (ObjectDisposedException instead of the
        // start's error). That race is the test plumbing's, not the host's, and shows on a loaded machine: try again.
        Exception error;
        var attempt = 0;
        do
        {
            using var factory = Factory(environment, settings);
            error = Assert.ThrowsAny<Exception>(() => factory.Services);
        }
        while (error is ObjectDisposedException && ++attempt < 10);

        var messages = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions.Select(e => e.Message) : [error.Message];
        Assert.All(
            error is AggregateException all ? all.Flatten().InnerExceptions : [error],
            e => Assert.IsType<OptionsValidationException>(e));
        return string.Join(Environment.NewLine, messages);
    }
}
