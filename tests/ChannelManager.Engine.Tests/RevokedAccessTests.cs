using ChannelManager.Adapters;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Events;
using ChannelManager.Webhooks;

namespace ChannelManager.Engine.Tests;

/// <summary>A platform that stops taking a connection (access revoked, listing gone) shows on the connection, and a push that lands again heals it.</summary>
public sealed class RevokedAccessTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_401_from_the_platform_puts_the_connection_in_error_and_the_next_push_that_lands_makes_it_active()
    {
        var platform = new RevocablePlatform();
        await using var host = await EngineHost.StartAsync(null, platform);
        var service = host.Get<ChannelConnectionService>();
        var property = Guid.NewGuid();
        var connection = await service.CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "R", AccessToken = "x" }, Ct);
        await Eventually.TrueAsync(() => platform.Recording.PushCalls == 1, "the initial push");

        platform.Revoked = true;
        var night = Today.AddDays(15);
        await host.Get<EventService>().PublishAsync("t", property, new BookingConfirmed { BookingId = "B", CheckIn = night, CheckOut = night.AddDays(1) }, cancellationToken: Ct);
        await Eventually.TrueAsync(async () => (await service.GetAsync("t", connection.Id, Ct)).Status == ConnectionStatus.Error, "the connection shows the refusal");
        var failed = await service.GetAsync("t", connection.Id, Ct);
        Assert.Contains("revoked", failed.LastError, StringComparison.Ordinal);

        // The host reconnects: the retried push lands, and the connection is active again.
        platform.Revoked = false;
        await Eventually.TrueAsync(() => platform.Recording.IsClosed("R", night), "the retried push landed", 15_000);
        await Eventually.TrueAsync(async () => (await service.GetAsync("t", connection.Id, Ct)).Status == ConnectionStatus.Active, "the connection is active again");
        Assert.Null((await service.GetAsync("t", connection.Id, Ct)).LastError);
    }

    private sealed class RevocablePlatform : IChannelAdapter
    {
        public RecordingAdapter Recording { get; } = new();

        public volatile bool Revoked;

        public Platform Platform => Recording.Platform;

        public Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default) =>
            Revoked
                ? throw new PlatformCallException(Platform, "the access token was revoked; the host must reconnect", isTransient: false, statusCode: 401)
                : Recording.PushAriAsync(request, cancellationToken);

        public Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default) =>
            Recording.FetchReservationsAsync(connection, request, cancellationToken);

        public WebhookVerificationResult VerifyWebhook(WebhookRequest request) => Recording.VerifyWebhook(request);

        public WebhookNotification ParseWebhook(WebhookRequest request) => Recording.ParseWebhook(request);

        public Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default) => Recording.TestConnectionAsync(connection, cancellationToken);
    }
}
