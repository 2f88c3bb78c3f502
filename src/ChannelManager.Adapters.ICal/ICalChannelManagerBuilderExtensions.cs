using System.Net;
using ChannelManager;
using ChannelManager.Adapters;
using ChannelManager.Adapters.ICal;
using ChannelManager.Adapters.ICal.Configuration;
using ChannelManager.Adapters.ICal.Export;
using ChannelManager.Adapters.ICal.Import;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using Microsoft.Extensions.Configuration;
using ChannelManager.Adapters.Shared.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace, by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the iCal adapter.</summary>
public static class ICalChannelManagerBuilderExtensions
{
    /// <summary>
    /// Adds the iCal adapter (an <see cref="IChannelAdapter"/> for <see cref="Platform.ICal"/> next to any others), the
    /// export feed service (map it with <c>app.MapChannelManagerICalFeeds()</c>), the feed importer with its HTTP
    /// client and in-memory import state (unless an <see cref="IICalImportStateStore"/> is registered), and the poller
    /// that imports every iCal connection's feed each <see cref="ICalOptions.PollInterval"/>. Options are validated when
    /// the host starts; a feed signing key not set by <paramref name="configure"/> is read from the configuration key
    /// <c>ICAL_FEED_SIGNING_KEY</c>. Calling it again only adds <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The ChannelManager builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IChannelManagerBuilder AddICal(this IChannelManagerBuilder builder, Action<ICalOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(ICalRegistrationMarker)))
        {
            services.AddSingleton<ICalRegistrationMarker>();

            // Registered before the code's configure actions, so that code wins over configuration.
            services.AddSingleton<IConfigureOptions<ICalOptions>>(sp => new ICalConfigurationFallback(sp.GetService<IConfiguration>()));
            services.AddOptions<ICalOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ICalOptions>, ICalOptionsValidator>());
            services.TryAddSingleton(TimeProvider.System);

            services.AddHttpClient(ICalFeedClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    AutomaticDecompression = DecompressionMethods.All,
                    AllowAutoRedirect = true,
                    MaxAutomaticRedirections = 5,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    UseCookies = false,
                })
                .UsePlatformHttpLogging();

            services.TryAddSingleton<IICalImportStateStore, InMemoryICalImportStateStore>();
            services.TryAddSingleton<ICalFeedClient>();
            services.TryAddSingleton<ICalFeedImporter>();
            services.TryAddSingleton<ICalFeedTokens>();
            services.TryAddSingleton(sp => new ICalFeedService(
                sp.GetRequiredService<IChannelConnectionStore>(),
                sp.GetRequiredService<IInventoryLedger>(),
                sp.GetRequiredService<ICalFeedTokens>(),
                sp.GetRequiredService<IOptions<ICalOptions>>(),
                sp.GetRequiredService<TimeProvider>()));
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelAdapter, ICalChannelAdapter>());
            services.AddHostedService<ICalFeedPoller>();
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }

    /// <summary>Marks that the iCal services are registered.</summary>
    private sealed class ICalRegistrationMarker;
}
