using System.Security.Cryptography;
using ChannelManager.Adapters.Airbnb;
using ChannelManager.Adapters.BookingCom;
using ChannelManager.Adapters.Expedia;
using ChannelManager.Adapters.FewoDirekt;
using ChannelManager.Adapters.Google;
using ChannelManager.Adapters.ICal;
using ChannelManager.Adapters.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Tests.Configuration;

/// <summary>
/// Each adapter configured only through its configuration keys (the reference's environment variables), as a
/// deployment does: with every required key the start-up validation passes; without any one of them the host does not
/// start, and the message names that key and never a configured secret.
/// </summary>
public sealed class AdapterStartupValidationTests
{
    private const string Secret = "s3cr3t-value-that-must-never-appear-0123456789";
    private static readonly string GooglePrivateKey = CreatePrivateKey();

    /// <summary>Every required key of every adapter, and the settings it depends on.</summary>
    public static TheoryData<string, string> RequiredSettings => new()
    {
        { "airbnb", AirbnbConfigurationKeys.ClientId },
        { "airbnb", AirbnbConfigurationKeys.WebhookSecret },
        { "booking_com", BookingComConfigurationKeys.ClientId },
        { "booking_com", BookingComConfigurationKeys.ClientSecret },
        { "booking_com", BookingComConfigurationKeys.NotificationSigningKey },
        { "expedia", ExpediaConfigurationKeys.Username },
        { "expedia", ExpediaConfigurationKeys.Password },
        { "expedia", ExpediaConfigurationKeys.NotificationPassword },
        { "expedia", ExpediaConfigurationKeys.NotificationUsername },
        { "fewo_direkt", FewoDirektConfigurationKeys.FeedUsername },
        { "fewo_direkt", FewoDirektConfigurationKeys.FeedPassword },
        { "google", GoogleConfigurationKeys.PartnerKey },
        { "google", GoogleConfigurationKeys.ServiceAccountPrivateKey },
        { "google", GoogleConfigurationKeys.ServiceAccountEmail },
        { "google", GoogleConfigurationKeys.PubSubServiceAccountEmail },
        { "google", GoogleConfigurationKeys.PubSubAudience },
        { "ical", ICalConfigurationKeys.FeedSigningKey },
    };

    [Theory]
    [InlineData("airbnb")]
    [InlineData("booking_com")]
    [InlineData("expedia")]
    [InlineData("fewo_direkt")]
    [InlineData("google")]
    [InlineData("ical")]
    public void With_every_required_setting_the_start_up_validation_passes(string platform)
    {
        using var host = Build(platform, Settings(platform));
        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [MemberData(nameof(RequiredSettings))]
    public async Task Without_a_required_setting_the_host_does_not_start_and_names_it(string platform, string key)
    {
        var settings = Settings(platform);
        Assert.True(settings.Remove(key), $"{key} is one of {platform}'s settings");
        using var host = Build(platform, settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY-----\n", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AirbnbConfigurationKeys.WebhookSecret, "airbnb", "short")]
    [InlineData(BookingComConfigurationKeys.NotificationSigningKey, "booking_com", "too-short-key")]
    [InlineData(FewoDirektConfigurationKeys.FeedPassword, "fewo_direkt", "short")]
    [InlineData(ICalConfigurationKeys.FeedSigningKey, "ical", "too-short-key")]
    [InlineData(AirbnbConfigurationKeys.ApiBaseUrl, "airbnb", "not a url")]
    [InlineData(GoogleConfigurationKeys.ApiBaseUrl, "google", "ftp://example.com/")]
    public async Task A_setting_too_weak_or_malformed_stops_the_start_naming_it(string key, string platform, string value)
    {
        var settings = Settings(platform);
        settings[key] = value;
        using var host = Build(platform, settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(string platform) => platform switch
    {
        "airbnb" => new()
        {
            [AirbnbConfigurationKeys.ClientId] = "client-id",
            [AirbnbConfigurationKeys.WebhookSecret] = Secret,
        },
        "booking_com" => new()
        {
            [BookingComConfigurationKeys.ClientId] = "client-id",
            [BookingComConfigurationKeys.ClientSecret] = Secret,
            [BookingComConfigurationKeys.NotificationSigningKey] = Secret,
        },
        "expedia" => new()
        {
            [ExpediaConfigurationKeys.Username] = "eqc-user",
            [ExpediaConfigurationKeys.Password] = Secret,
            [ExpediaConfigurationKeys.NotificationUsername] = "bn-user",
            [ExpediaConfigurationKeys.NotificationPassword] = Secret,
        },
        "fewo_direkt" => new()
        {
            [FewoDirektConfigurationKeys.FeedUsername] = "vrbo",
            [FewoDirektConfigurationKeys.FeedPassword] = Secret,
        },
        "google" => new()
        {
            [GoogleConfigurationKeys.PartnerKey] = "partner",
            [GoogleConfigurationKeys.ServiceAccountEmail] = "cm@example.iam.gserviceaccount.com",
            [GoogleConfigurationKeys.ServiceAccountPrivateKey] = GooglePrivateKey,
            [GoogleConfigurationKeys.PubSubAudience] = "https://pms.example.com/webhooks/google",
            [GoogleConfigurationKeys.PubSubServiceAccountEmail] = "push@example.iam.gserviceaccount.com",
        },
        "ical" => new()
        {
            [ICalConfigurationKeys.FeedSigningKey] = Secret,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(platform)),
    };

    private static IHost Build(string platform, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        var channelManager = new TestChannelManagerBuilder(builder.Services);
        _ = platform switch
        {
            "airbnb" => channelManager.AddAirbnb(),
            "booking_com" => channelManager.AddBookingCom(),
            "expedia" => channelManager.AddExpedia(),
            "fewo_direkt" => channelManager.AddFewoDirekt(),
            "google" => channelManager.AddGoogle(),
            "ical" => channelManager.AddICal(),
            _ => throw new ArgumentOutOfRangeException(nameof(platform)),
        };
        return builder.Build();
    }

    private static string CreatePrivateKey()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }
}
