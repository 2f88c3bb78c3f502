using ChannelManager;
using ChannelManager.Adapters;
using ChannelManager.Adapters.BookingCom;
using ChannelManager.Adapters.BookingCom.Api;
using ChannelManager.Adapters.BookingCom.Configuration;
using Microsoft.Extensions.Configuration;
using ChannelManager.Adapters.Shared.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Booking.com adapter.</summary>
public static class BookingComChannelManagerBuilderExtensions
{
    /// <summary>
    /// Adds the Booking.com adapter (an <see cref="IChannelAdapter"/>, also <see cref="IChannelCalendarReader"/> and
    /// <see cref="IReservationAcknowledger"/>, next to any other adapters), its HTTP client, its token cache and its
    /// options, validated when the host starts. Settings not set by <paramref name="configure"/> are read from the
    /// configuration keys in <see cref="BookingComConfigurationKeys"/> (<c>BOOKINGCOM_CLIENT_ID</c>,
    /// <c>BOOKINGCOM_CLIENT_SECRET</c>, <c>BOOKINGCOM_API_BASE_URL</c>, …) when an <see cref="IConfiguration"/> is
    /// registered. Calling it again only adds <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The ChannelManager builder.</param>
    /// <param name="configure">Sets the options in code.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IChannelManagerBuilder AddBookingCom(this IChannelManagerBuilder builder, Action<BookingComOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(BookingComRegistrationMarker)))
        {
            services.AddSingleton<BookingComRegistrationMarker>();

            // Registered before the code's configure actions, so that code wins over configuration.
            services.AddSingleton<IConfigureOptions<BookingComOptions>>(sp => new BookingComConfigurationFallback(sp.GetService<IConfiguration>()));
            services.AddOptions<BookingComOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BookingComOptions>, BookingComOptionsValidator>());
            services.TryAddSingleton(TimeProvider.System);

            // BookingComHttp enforces RequestTimeout over headers and body together.
            services.AddHttpClient(BookingComHttp.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
                .UsePlatformHttpLogging();
            services.TryAddSingleton<BookingComHttp>();
            services.TryAddSingleton<BookingComTokenProvider>();
            services.TryAddSingleton<BookingComApiClient>();
            services.TryAddSingleton<BookingComChannelAdapter>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelAdapter, BookingComChannelAdapter>(sp => sp.GetRequiredService<BookingComChannelAdapter>()));
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }

    /// <summary>Marks that the Booking.com services are registered.</summary>
    private sealed class BookingComRegistrationMarker;
}
