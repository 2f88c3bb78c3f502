using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Google.PubSub;

/// <summary>
/// Keeps Google's Pub/Sub signing keys in memory so that verifying a push never waits for a download: fetches them
/// when the host starts (when Pub/Sub pushes are configured) and again a minute before they expire; a failed fetch is
/// tried again after a minute while the keys already known stay in use.
/// </summary>
internal sealed class PubSubKeyRefresher(
    IGooglePubSubKeySource source,
    IOptions<GoogleOptions> options,
    TimeProvider timeProvider,
    ILogger<PubSubKeyRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (source is not HttpPubSubKeySource keys
            || string.IsNullOrWhiteSpace(settings.PubSubAudience)
            || string.IsNullOrWhiteSpace(settings.PubSubServiceAccountEmail))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await keys.RefreshAsync().WaitAsync(stoppingToken).ConfigureAwait(false);
            var now = timeProvider.GetUtcNow();
            var delay = keys.ExpiresAt > now ? keys.ExpiresAt - now - RefreshAhead : RetryDelay;
            if (delay < RetryDelay)
            {
                delay = RetryDelay;
            }

            logger.LogDebug("Next fetch of Google's Pub/Sub signing keys in {Delay}", delay);
            await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
        }
    }
}
