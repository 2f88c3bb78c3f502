using System.Collections.Concurrent;
using ChannelManager.Adapters;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Webhooks;

namespace ChannelManager.Integration.Tests;

/// <summary>
/// The platform side for full-stack tests: keeps the calendar each listing was last told. The stack under test
/// (PostgreSQL, Redis Streams, outbox, engine) is real; adapters over HTTP are tested against the simulator elsewhere.
/// </summary>
internal sealed class CalendarAdapter : IChannelAdapter
{
    public Platform Platform => Platform.Airbnb;

    public ConcurrentDictionary<(string Listing, DateOnly Night), AriDay> Calendar { get; } = new();

    public Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default)
    {
        foreach (var d in request.Days)
        {
            Calendar.AddOrUpdate((request.Connection.PlatformListingId, d.Date), d, (_, old) => Merge(old, d, request.Scope));
        }

        return Task.FromResult(new AriPushResult(1));
    }

    public Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PlatformReservation>>([]);

    public WebhookVerificationResult VerifyWebhook(WebhookRequest request) => WebhookVerificationResult.Rejected("not used");

    public WebhookNotification ParseWebhook(WebhookRequest request) => throw new WebhookFormatException("not used");

    public Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ConnectionTestResult(true, "ok"));

    private static AriDay Merge(AriDay old, AriDay now, AriPushScope scope) => now with
    {
        Rate = scope.HasFlag(AriPushScope.Rates) ? now.Rate : old.Rate,
        Currency = scope.HasFlag(AriPushScope.Rates) ? now.Currency : old.Currency,
        AvailableUnits = scope.HasFlag(AriPushScope.Availability) ? now.AvailableUnits : old.AvailableUnits,
        StopSell = scope.HasFlag(AriPushScope.Availability) ? now.StopSell : old.StopSell,
    };
}
