using ChannelManager.Adapters.Airbnb;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Adapters.Tests.Infrastructure;

/// <summary>A service provider with the Airbnb adapter registered the way a host does it.</summary>
internal sealed class AdapterScope : IAsyncDisposable
{
    private AdapterScope(ServiceProvider provider)
    {
        Provider = provider;
        Adapter = provider.GetServices<IChannelAdapter>().Single();
    }

    public ServiceProvider Provider { get; }

    public IChannelAdapter Adapter { get; }

    public static AdapterScope Create(Uri baseUrl, Action<AirbnbOptions>? configure = null, TimeProvider? timeProvider = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        if (timeProvider is not null)
        {
            collection.AddSingleton(timeProvider);
        }

        services?.Invoke(collection);
        new TestChannelManagerBuilder(collection).AddAirbnb(o =>
        {
            o.BaseUrl = baseUrl;
            o.ClientId = TestData.ClientId;
            o.WebhookSecret = TestData.WebhookSecret;
            o.RequestTimeout = TimeSpan.FromSeconds(10);
            configure?.Invoke(o);
        });
        return new AdapterScope(collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}
