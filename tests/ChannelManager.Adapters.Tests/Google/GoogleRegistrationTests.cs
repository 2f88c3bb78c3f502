using ChannelManager.Adapters.Google;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Tests.Google;

public sealed class GoogleRegistrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_missing_partner_key_fails_at_host_start()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        new TestChannelManagerBuilder(builder.Services).AddGoogle();
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(ex.Failures, f => f.Contains("PartnerKey", StringComparison.Ordinal) && f.Contains("GOOGLE_PARTNER_KEY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_settings_fail_at_host_start_without_echoing_secrets()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        new TestChannelManagerBuilder(builder.Services).AddGoogle(o =>
        {
            o.PartnerKey = "partner";
            o.ApiBaseUrl = new Uri("ftp://example.com/");
            o.ServiceAccountEmail = "sa@p.iam.gserviceaccount.com";
            o.ServiceAccountPrivateKey = "-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----";
            o.PubSubAudience = "https://pms.example.com/webhooks/google";
            o.PubSubJwks = "{\"keys\":[]}";
            o.MaxMessagesPerRequest = 0;
        });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        var failures = ex.Failures.ToArray();
        Assert.Equal(5, failures.Length);
        Assert.Contains(failures, f => f.Contains("ApiBaseUrl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("RSA private key", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("PubSubServiceAccountEmail", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("PubSubJwks", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("MaxMessagesPerRequest", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("not-a-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Settings_not_set_in_code_come_from_configuration_and_code_wins()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GOOGLE_PARTNER_KEY"] = "partner_from_config",
            ["GOOGLE_API_BASE_URL"] = "http://127.0.0.1:5080/google/",
            ["GOOGLE_SERVICE_ACCOUNT_EMAIL"] = "sa@p.iam.gserviceaccount.com",
            ["GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY"] = GoogleTestData.ServiceAccountPrivateKeyPem.Replace("\n", "\\n", StringComparison.Ordinal),
            ["GOOGLE_SERVICE_ACCOUNT_KEY_ID"] = "kid-1",
            ["GOOGLE_PUBSUB_AUDIENCE"] = "https://pms.example.com/webhooks/google",
            ["GOOGLE_PUBSUB_SERVICE_ACCOUNT_EMAIL"] = "push@p.iam.gserviceaccount.com",
            ["GOOGLE_ACCOUNT_ID"] = "42",
        });
        new TestChannelManagerBuilder(builder.Services).AddGoogle(o => o.AccountId = "from-code");
        using var host = builder.Build();
        await host.StartAsync(Ct);

        var options = host.Services.GetRequiredService<IOptions<GoogleOptions>>().Value;
        Assert.Equal("partner_from_config", options.PartnerKey);
        Assert.Equal("from-code", options.AccountId);
        Assert.Equal(new Uri("http://127.0.0.1:5080/google/"), options.ApiBaseUrl);
        Assert.Equal(new Uri("http://127.0.0.1:5080/google/token"), options.EffectiveTokenUrl);
        Assert.Equal("kid-1", options.ServiceAccountKeyId);
        Assert.Contains("-----BEGIN PRIVATE KEY-----\n", options.ServiceAccountPrivateKey, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN PRIVATE KEY", options.ToString(), StringComparison.Ordinal);
        var adapter = Assert.Single(host.Services.GetServices<IChannelAdapter>());
        Assert.Equal(Platform.Google, adapter.Platform);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task Production_defaults_point_at_Google()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        new TestChannelManagerBuilder(builder.Services).AddGoogle(o => o.PartnerKey = "p").AddGoogle();
        using var host = builder.Build();
        await host.StartAsync(Ct);

        var options = host.Services.GetRequiredService<IOptions<GoogleOptions>>().Value;
        Assert.Equal(new Uri("https://www.google.com/travel/hotels/uploads/"), options.ApiBaseUrl);
        Assert.Equal(new Uri("https://oauth2.googleapis.com/token"), options.EffectiveTokenUrl);
        Assert.Equal(new Uri("https://www.googleapis.com/oauth2/v3/certs"), options.PubSubJwksUrl);
        Assert.Single(host.Services.GetServices<IChannelAdapter>());
        await host.StopAsync(Ct);
    }
}
