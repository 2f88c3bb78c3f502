using ChannelManager.Adapters.Shared.Http;
using ChannelManager.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Google.Api;

/// <summary>Google's calls under <see cref="GoogleOptions.RequestTimeout"/> (see <see cref="PlatformHttpSender"/>).</summary>
internal sealed class GoogleHttp(
    IHttpClientFactory httpClientFactory,
    IOptions<GoogleOptions> options,
    TimeProvider timeProvider,
    ILogger<GoogleHttp> logger)
    : PlatformHttpSender(httpClientFactory, HttpClientName, Platform.Google, "Google", () => options.Value.RequestTimeout, timeProvider, logger)
{
    /// <summary>The name of the adapter's client on <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "ChannelManager.Adapters.Google";
}
