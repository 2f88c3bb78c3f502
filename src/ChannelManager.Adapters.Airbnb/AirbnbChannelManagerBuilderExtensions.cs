using ChannelManager;
using ChannelManager.Adapters;
using ChannelManager.Adapters.Airbnb;
using ChannelManager.Adapters.Airbnb.Api;
using ChannelManager.Adapters.Airbnb.Auth;
using ChannelManager.Adapters.Airbnb.Configuration;
using Microsoft.Extensions.Configuration;
using ChannelManager.Adapters.Shared.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Airbnb adapter.</summary>
public static class AirbnbChannelManagerBuilderExtensions
{
    /// <summary>
    /// Adds the Airbnb adapter (an <see cref="IChannelAdapter"/> next to any others), its typed HTTP client and its
    /// options, validated when the host starts. Settings not set by <paramref name="configure"/> are read from the
    /// configuration keys <c>AIRBNB_CLIENT_ID</c>, <c>AIRBNB_CLIENT_SECRET</c>, <c>AIRBNB_WEBHOOK_SECRET</c> and
    /// <c>AIRBNB_API_BASE_URL</c> when an <see cref="IConfiguration"/> is registered. Calling it again only adds
    /// <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The ChannelManager builder.</param>
    /// <param name="configure">Sets the options in code.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IChannelManagerBuilder AddAirbnb(this IChannelManagerBuilder builder, Action<AirbnbOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(AirbnbRegistrationMarker)))
        {
            services.AddSingleton<AirbnbRegistrationMarker>();

            // Registered before the code's configure actions, so that code wins over configuration.
            services.AddSingleton<IConfigureOptions<AirbnbOptions>>(sp => new AirbnbConfigurationFallback(sp.GetService<IConfiguration>()));
            services.AddOptions<AirbnbOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AirbnbOptions>, AirbnbOptionsValidator>());
            services.TryAddSingleton(TimeProvider.System);

            services
                .AddRefitGeneratedClient<IAirbnbApi>(AirbnbJsonContext.Default, allowReflectionFallback: false)
                .ConfigureHttpClient((sp, http) =>
                {
                    var options = sp.GetRequiredService<IOptions<AirbnbOptions>>().Value;
                    var baseUrl = options.BaseUrl.AbsoluteUri;
                    http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");

                    // AirbnbApiClient enforces RequestTimeout over headers and body together.
                    http.Timeout = Timeout.InfiniteTimeSpan;
                    http.DefaultRequestHeaders.TryAddWithoutValidation(AirbnbHeaders.ApiKey, options.ClientId);
                    http.DefaultRequestHeaders.TryAddWithoutValidation(AirbnbHeaders.ApiVersion, options.ApiVersion);
                })
                .UsePlatformHttpLogging();

            services.TryAddSingleton<AirbnbApiClient>();
            services.TryAddSingleton<AirbnbTokenManager>();
            services.TryAddSingleton<AirbnbConnectionClient>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelAdapter, AirbnbChannelAdapter>());
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }

    /// <summary>Marks that the Airbnb services are registered.</summary>
    private sealed class AirbnbRegistrationMarker;
}
