using ChannelManager.Adapters.FewoDirekt;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Tests.FewoDirekt;

/// <summary>Registration and option validation.</summary>
public sealed class FewoDirektRegistrationTests
{
    [Fact]
    public void Missing_or_weak_credentials_fail_at_start_naming_the_settings_never_the_values()
    {
        using var provider = Provider(o =>
        {
            o.FeedUsername = "with:colon";
            o.FeedPassword = "short-secret";
            o.FeedDays = 731;
            o.PublicFeedBaseUrl = new Uri("/relative", UriKind.Relative);
        });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FewoDirektOptions>>().Value);
        Assert.Contains("FeedUsername", error.Message, StringComparison.Ordinal);
        Assert.Contains(FewoDirektConfigurationKeys.FeedPassword, error.Message, StringComparison.Ordinal);
        Assert.Contains("FeedDays", error.Message, StringComparison.Ordinal);
        Assert.Contains("PublicFeedBaseUrl", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_fall_back_to_configuration_and_code_wins()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [FewoDirektConfigurationKeys.FeedUsername] = "from-config",
            [FewoDirektConfigurationKeys.FeedPassword] = "configured-password-0123",
            [FewoDirektConfigurationKeys.FeedDays] = "365",
            [FewoDirektConfigurationKeys.PublicFeedBaseUrl] = "https://cm.example.com/fewo-direkt",
        }).Build();
        using var provider = Provider(o => o.FeedUsername = "from-code", configuration);
        var options = provider.GetRequiredService<IOptions<FewoDirektOptions>>().Value;
        Assert.Equal("from-code", options.FeedUsername);
        Assert.Equal("configured-password-0123", options.FeedPassword);
        Assert.Equal(365, options.FeedDays);
        Assert.Equal(new Uri("https://cm.example.com/fewo-direkt"), options.PublicFeedBaseUrl);
        Assert.DoesNotContain("configured-password-0123", options.ToString(), StringComparison.Ordinal);
        Assert.Equal(Platform.FewoDirekt, Assert.Single(provider.GetServices<IChannelAdapter>()).Platform);
    }

    [Fact]
    public void Mapping_the_feeds_without_the_adapter_says_what_to_register()
    {
        var builder = WebApplication.CreateSlimBuilder();
        using var app = builder.Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.MapChannelManagerFewoDirektFeeds());
        Assert.Contains("AddFewoDirekt", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Provider(Action<FewoDirektOptions> configure, IConfiguration? configuration = null)
    {
        var services = new ServiceCollection();
        if (configuration is not null)
        {
            services.AddSingleton(configuration);
        }

        services.AddSingleton<IInventoryLedger>(new FewoLedger());
        services.AddSingleton<IChannelConnectionStore>(new FewoConnectionStore());
        new TestChannelManagerBuilder(services).AddFewoDirekt(configure);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
