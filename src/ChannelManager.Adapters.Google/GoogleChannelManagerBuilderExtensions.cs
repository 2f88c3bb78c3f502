using ChannelManager;
using ChannelManager.Adapters;
using ChannelManager.Adapters.Google;
using ChannelManager.Adapters.Google.Api;
using ChannelManager.Adapters.Google.Auth;
using ChannelManager.Adapters.Google.Configuration;
using ChannelManager.Adapters.Google.PubSub;
using Microsoft.Extensions.Configuration;
using ChannelManager.Adapters.Shared.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Google Hotel Center / Vacation Rentals adapter.</summary>
public static class GoogleChannelManagerBuilderExtensions
{
    /// <summary>
    /// Adds the Google adapter (an <see cref="IChannelAdapter"/>, next to any other adapters), its HTTP clients, its
    /// access-token cache, the Pub/Sub key source (an <see cref="IGooglePubSubKeySource"/> registered earlier wins) and
    /// its options, validated when the host starts. Settings not set by <paramref name="configure"/> are read from the
    /// configuration keys in <see cref="GoogleConfigurationKeys"/> (<c>GOOGLE_PARTNER_KEY</c>,
    /// <c>GOOGLE_SERVICE_ACCOUNT_EMAIL</c>, <c>GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY</c>, <c>GOOGLE_API_BASE_URL</c>,
    /// <c>GOOGLE_PUBSUB_AUDIENCE</c>, …) when an <see cref="IConfiguration"/> is registered. Calling it again only adds
    /// <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The ChannelManager builder.</param>
    /// <param name="configure">Sets the options in code.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IChannelManagerBuilder AddGoogle(this IChannelManagerBuilder builder, Action<GoogleOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(GoogleRegistrationMarker)))
        {
            services.AddSingleton<GoogleRegistrationMarker>();

            // Registered before the code's configure actions, so that code wins over configuration.
            services.AddSingleton<IConfigureOptions<GoogleOptions>>(sp => new GoogleConfigurationFallback(sp.GetService<IConfiguration>()));
            services.AddOptions<GoogleOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GoogleOptions>, GoogleOptionsValidator>());
            services.TryAddSingleton(TimeProvider.System);

            // GoogleHttp enforces RequestTimeout over headers and body together.
            services.AddHttpClient(GoogleHttp.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan).UsePlatformHttpLogging();
            services.AddHttpClient(HttpPubSubKeySource.HttpClientName).UsePlatformHttpLogging();
            services.TryAddSingleton<GoogleHttp>();
            services.TryAddSingleton<GoogleTokenProvider>();
            services.TryAddSingleton<GoogleApiClient>();
            services.TryAddSingleton<IGooglePubSubKeySource>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<GoogleOptions>>();
                return string.IsNullOrWhiteSpace(options.Value.PubSubJwks)
                    ? new HttpPubSubKeySource(sp.GetRequiredService<IHttpClientFactory>(), options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<HttpPubSubKeySource>>())
                    : new StaticPubSubKeySource(options.Value.PubSubJwks);
            });
            services.AddHostedService<PubSubKeyRefresher>();
            services.TryAddSingleton<GoogleChannelAdapter>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelAdapter, GoogleChannelAdapter>(sp => sp.GetRequiredService<GoogleChannelAdapter>()));
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }

    /// <summary>Marks that the Google services are registered.</summary>
    private sealed class GoogleRegistrationMarker;
}
