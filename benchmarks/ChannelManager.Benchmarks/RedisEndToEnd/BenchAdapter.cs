using ChannelManager.Adapters;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Webhooks;

namespace ChannelManager.Benchmarks.RedisEndToEnd;

/// <summary>An in-process platform for the load run: counts pushes and pushed nights, answers at once.</summary>
internal sealed class BenchAdapter : IChannelAdapter
{
    private long _pushes;
    private long _nights;

    public Platform Platform => Platform.Airbnb;

    public long Pushes => Interlocked.Read(ref _pushes);

    public long Nights => Interlocked.Read(ref _nights);

    public Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _pushes);
        Interlocked.Add(ref _nights, request.Days.Count);
        return Task.FromResult(new AriPushResult(1));
    }

    public Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PlatformReservation>>([]);

    public WebhookVerificationResult VerifyWebhook(WebhookRequest request) => WebhookVerificationResult.Rejected("not used");

    public WebhookNotification ParseWebhook(WebhookRequest request) => throw new WebhookFormatException("not used");

    public Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ConnectionTestResult(true, "ok"));
}
