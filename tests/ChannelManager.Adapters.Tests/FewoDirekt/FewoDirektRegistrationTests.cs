using ChannelManager.Adapters.FewoDirekt;
using ChannelManager.Adapters.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Tests.FewoDirekt;

public sealed class FewoDirektRegistrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Missing_settings_fail_at_host_start_naming_the_environment_keys()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        new TestChannelManagerBuilder(builder.Services).AddFewoDirekt(o => o.ClientId = "partner");
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(ex.Failures, f => f.Contains(FewoDirektConfigurationKeys.ApiBaseUrl, StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains(FewoDirektConfigurationKeys.ClientSecret, StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains(FewoDirektConfigurationKeys.WebhookSecret, StringComparison.Ordinal));
        Assert.DoesNotContain(ex.Failures, f => f.Contains(FewoDirektConfigurationKeys.ClientId, StringComparison.Ordinal));
    }

    [Fact]
    public void Configuration_fills_what_code_leaves_unset_and_code_wins()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [FewoDirektConfigurationKeys.ClientId] = "from-env",
            [FewoDirektConfigurationKeys.ClientSecret] = "secret-from-env",
            [FewoDirektConfigurationKeys.ApiBaseUrl] = "https://partner.example/fewo/",
            [FewoDirektConfigurationKeys.WebhookSecret] = "webhook-secret-from-env",
        });
        new TestChannelManagerBuilder(builder.Services).AddFewoDirekt(o => o.ClientId = "from-code");
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<FewoDirektOptions>>().Value;

        Assert.Equal("from-code", options.ClientId);
        Assert.Equal("secret-from-env", options.ClientSecret);
        Assert.Equal(new Uri("https://partner.example/fewo/"), options.BaseUrl);
        Assert.Equal("webhook-secret-from-env", options.WebhookSecret);
        Assert.DoesNotContain("secret-from-env", options.ToString(), StringComparison.Ordinal);
        Assert.Single(host.Services.GetServices<IChannelAdapter>());
    }
}
