using ChannelManager.Adapters.Shared.Http;
using ChannelManager.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.BookingCom.Api;

/// <summary>Booking.com's calls under <see cref="BookingComOptions.RequestTimeout"/> (see <see cref="PlatformHttpSender"/>).</summary>
internal sealed class BookingComHttp(
    IHttpClientFactory httpClientFactory,
    IOptions<BookingComOptions> options,
    TimeProvider timeProvider,
    ILogger<BookingComHttp> logger)
    : PlatformHttpSender(httpClientFactory, HttpClientName, Platform.BookingCom, "Booking.com", () => options.Value.RequestTimeout, timeProvider, logger)
{
    /// <summary>The name of the adapter's client on <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "ChannelManager.Adapters.BookingCom";
}
