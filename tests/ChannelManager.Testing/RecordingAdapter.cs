using System.Collections.Concurrent;
using ChannelManager.Adapters;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Webhooks;

namespace ChannelManager.Testing;

/// <summary>
/// A platform for engine tests: keeps each listing's calendar as pushed, and can be told to fail the next calls.
/// Engine behaviour is what these tests check; real adapters are tested over HTTP against the simulator.
/// </summary>
public sealed class RecordingAdapter(Platform platform = Platform.Airbnb) : IChannelAdapter
{
    private int _failuresLeft;

    public Platform Platform { get; } = platform;

    public ConcurrentDictionary<(string Listing, DateOnly Date), AriDay> Calendar { get; } = new();

    public ConcurrentQueue<AriPushRequest> Pushes { get; } = new();

    public List<PlatformReservation> Reservations { get; } = [];

    public int PushCalls => Pushes.Count;

    public void FailNext(int calls) => Interlocked.Exchange(ref _failuresLeft, calls);

    public Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new PlatformCallException(Platform, "simulated outage", isTransient: true, statusCode: 503);
        }

        Pushes.Enqueue(request);
        foreach (var d in request.Days)
        {
            Calendar[(request.Connection.PlatformListingId, d.Date)] = d;
        }

        return Task.FromResult(new AriPushResult(1));
    }

    public Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default)
    {
        lock (Reservations)
        {
            return Task.FromResult<IReadOnlyList<PlatformReservation>>(Reservations
                .Where(r => r.ListingId == connection.PlatformListingId && (request.ConfirmationCode is null || r.ConfirmationCode == request.ConfirmationCode))
                .ToList());
        }
    }

    public WebhookVerificationResult VerifyWebhook(WebhookRequest request) =>
        request.Header("X-Test-Secret") == "s3cret" ? WebhookVerificationResult.Authentic : WebhookVerificationResult.Rejected("bad secret");

    public WebhookNotification ParseWebhook(WebhookRequest request)
    {
        var text = System.Text.Encoding.UTF8.GetString(request.Body.Span);
        var parts = text.Split('|');
        if (parts.Length != 2)
        {
            throw new WebhookFormatException("expected 'listing|code'");
        }

        return new WebhookNotification
        {
            Platform = Platform,
            Kind = WebhookNotificationKind.ReservationCreated,
            ListingId = parts[0],
            ConfirmationCode = parts[1],
            DeliveryId = request.Header("X-Delivery"),
        };
    }

    public Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ConnectionTestResult(connection.Credentials.AccessToken != "revoked", "tested"));

    public bool IsClosed(string listing, DateOnly date) =>
        Calendar.TryGetValue((listing, date), out var d) && !d.IsBookable;

    public bool IsOpen(string listing, DateOnly date) =>
        Calendar.TryGetValue((listing, date), out var d) && d.IsBookable;
}
