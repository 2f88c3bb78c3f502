using ChannelManager.Adapters.Airbnb;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Tests.Airbnb;

public sealed class AirbnbRegistrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_missing_webhook_secret_fails_at_host_start()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        new TestChannelManagerBuilder(builder.Services).AddAirbnb(o => o.ClientId = "client");
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(ex.Failures, f => f.Contains("WebhookSecret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("short-secret", "https://api.airbnb.com/", "client", "WebhookSecret")]
    [InlineData("0123456789abcdef", "ftp://api.airbnb.com/", "client", "BaseUrl")]
    [InlineData("0123456789abcdef", "/relative/", "client", "BaseUrl")]
    [InlineData("0123456789abcdef", "https://api.airbnb.com/", "", "ClientId")]
    public async Task Invalid_settings_fail_at_host_start(string secret, string baseUrl, string clientId, string expected)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        new TestChannelManagerBuilder(builder.Services).AddAirbnb(o =>
        {
            o.WebhookSecret = secret;
            o.BaseUrl = new Uri(baseUrl, UriKind.RelativeOrAbsolute);
            o.ClientId = clientId;
        });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        var failure = Assert.Single(ex.Failures);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_positive_tolerances_and_limits_are_rejected()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        new TestChannelManagerBuilder(builder.Services).AddAirbnb(o =>
        {
            o.ClientId = "client";
            o.WebhookSecret = "0123456789abcdef";
            o.WebhookTimestampTolerance = TimeSpan.Zero;
            o.RequestTimeout = TimeSpan.FromSeconds(-1);
            o.MaxOperationsPerCall = 0;
        });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Equal(3, ex.Failures.Count());
    }

    [Fact]
    public async Task Settings_not_set_in_code_come_from_configuration_and_code_wins()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AIRBNB_CLIENT_ID"] = "from-config",
            ["AIRBNB_CLIENT_SECRET"] = "client-secret-from-config",
            ["AIRBNB_WEBHOOK_SECRET"] = "webhook-secret-from-config",
            ["AIRBNB_API_BASE_URL"] = "http://127.0.0.1:5080/airbnb/",
        });
        new TestChannelManagerBuilder(builder.Services).AddAirbnb(o => o.ClientId = "from-code");
        using var host = builder.Build();
        await host.StartAsync(Ct);

        var options = host.Services.GetRequiredService<IOptions<AirbnbOptions>>().Value;

        Assert.Equal("from-code", options.ClientId);
        Assert.Equal("client-secret-from-config", options.ClientSecret);
        Assert.Equal("webhook-secret-from-config", options.WebhookSecret);
        Assert.Equal(new Uri("http://127.0.0.1:5080/airbnb/"), options.BaseUrl);
        Assert.DoesNotContain("secret-from-config", options.ToString(), StringComparison.Ordinal);
        await host.StopAsync(Ct);
    }

    [Fact]
    public void The_adapter_coexists_with_other_adapters_and_registering_twice_adds_it_once()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IChannelAdapter, OtherAdapter>();
        var channelManager = new TestChannelManagerBuilder(services);
        channelManager.AddAirbnb(o => o.ClientId = "client").AddAirbnb(o => o.WebhookSecret = "0123456789abcdef");
        using var provider = services.BuildServiceProvider();

        var adapters = provider.GetServices<IChannelAdapter>().ToArray();

        Assert.Equal(2, adapters.Length);
        Assert.Single(adapters, a => a.Platform == Platform.Airbnb);
        var options = provider.GetRequiredService<IOptions<AirbnbOptions>>().Value;
        Assert.Equal("client", options.ClientId);
        Assert.Equal("0123456789abcdef", options.WebhookSecret);
        Assert.Equal(AirbnbOptions.DefaultApiVersion, options.ApiVersion);
    }

    private sealed class OtherAdapter : IChannelAdapter
    {
        public Platform Platform => Platform.ICal;

        public Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default) => Task.FromResult(new AriPushResult(0));

        public Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<PlatformReservation>>([]);

        public WebhookVerificationResult VerifyWebhook(WebhookRequest request) => WebhookVerificationResult.Rejected("no webhooks");

        public WebhookNotification ParseWebhook(WebhookRequest request) => throw new WebhookFormatException("no webhooks");

        public Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ConnectionTestResult(true, "ok"));
    }
}
