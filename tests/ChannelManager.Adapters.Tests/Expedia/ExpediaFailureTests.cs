using System.Net;
using System.Text;
using ChannelManager.Adapters.Expedia;
using ChannelManager.Adapters.Expedia.Api;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.Faults;
using ChannelManager.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Adapters.Tests.Expedia;

public sealed class ExpediaFailureTests(ExpediaFixture fixture) : IClassFixture<ExpediaFixture>
{
    private const string ArPath = "/eqc/ar";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AriPushRequest Push(string hotel) =>
        new(ExpediaTestData.Connection(hotel), [new AriDay { Date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), AvailableUnits = 1 }], AriPushScope.Availability);

    private async Task<PlatformCallException> FailAsync(SimulatorFault fault, IChannelAdapter? adapter = null)
    {
        fixture.Simulator.State.InjectFault(fault);
        return await Assert.ThrowsAsync<PlatformCallException>(() => (adapter ?? fixture.Adapter).PushAriAsync(Push(ExpediaTestData.NewHotelId()), Ct));
    }

    [Fact]
    public async Task Status_429_is_transient_and_carries_Retry_After()
    {
        var ex = await FailAsync(SimulatorFault.Status(Platform.Expedia, 429, retryAfterSeconds: 7, pathPrefix: ArPath));
        Assert.True(ex.IsTransient);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Equal(Platform.Expedia, ex.Platform);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_errors_are_transient(int status)
    {
        var ex = await FailAsync(SimulatorFault.Status(Platform.Expedia, status, pathPrefix: ArPath));
        Assert.True(ex.IsTransient);
        Assert.Equal(status, ex.StatusCode);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    public async Task Client_errors_are_final(int status)
    {
        var ex = await FailAsync(SimulatorFault.Status(Platform.Expedia, status, pathPrefix: ArPath));
        Assert.False(ex.IsTransient);
        Assert.Equal(status, ex.StatusCode);
        Assert.Contains("Simulated failure", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeouts_slow_and_cut_off_bodies()
    {
        await using var scope = ExpediaScope.Create(fixture.Simulator.ExpediaBaseAddress, o => o.RequestTimeout = TimeSpan.FromMilliseconds(500));
        var timeout = await FailAsync(SimulatorFault.Hang(Platform.Expedia, TimeSpan.FromSeconds(5), pathPrefix: ArPath), scope.Adapter);
        Assert.True(timeout.IsTransient);
        Assert.Null(timeout.StatusCode);

        var truncated = await FailAsync(SimulatorFault.Truncated(Platform.Expedia, pathPrefix: ArPath), scope.Adapter);
        Assert.True(truncated.IsTransient);

        var slow = await FailAsync(SimulatorFault.Slow(Platform.Expedia, TimeSpan.FromSeconds(3), pathPrefix: ArPath), scope.Adapter);
        Assert.True(slow.IsTransient);

        // A slow body within the timeout is just slow.
        fixture.Simulator.State.InjectFault(SimulatorFault.Slow(Platform.Expedia, TimeSpan.FromMilliseconds(200), pathPrefix: ArPath));
        Assert.Equal(1, (await fixture.Adapter.PushAriAsync(Push(ExpediaTestData.NewHotelId()), Ct)).PlatformCalls);
    }

    [Fact]
    public async Task Wrong_credentials_are_final_and_never_echoed()
    {
        await using var scope = ExpediaScope.Create(fixture.Simulator.ExpediaBaseAddress, o => o.Password = "wrong-password-42");
        var ex = await Assert.ThrowsAsync<PlatformCallException>(() => scope.Adapter.PushAriAsync(Push(ExpediaTestData.NewHotelId()), Ct));
        Assert.False(ex.IsTransient);
        Assert.Contains("[1001]", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-42", ex.Message, StringComparison.Ordinal);

        var fetch = await Assert.ThrowsAsync<PlatformCallException>(() => scope.Adapter.FetchReservationsAsync(ExpediaTestData.Connection(ExpediaTestData.NewHotelId()), new ReservationFetchRequest(), Ct));
        Assert.False(fetch.IsTransient);

        var test = await scope.Adapter.TestConnectionAsync(ExpediaTestData.Connection(ExpediaTestData.NewHotelId()), Ct);
        Assert.False(test.Healthy);
        Assert.Contains("credentials", test.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_property_without_access_is_final()
    {
        var hotel = ExpediaTestData.NewHotelId();
        fixture.Simulator.State.RemoveListing(Platform.Expedia, hotel);
        var ex = await Assert.ThrowsAsync<PlatformCallException>(() => fixture.Adapter.PushAriAsync(Push(hotel), Ct));
        Assert.False(ex.IsTransient);
        Assert.Contains("[1002]", ex.Message, StringComparison.Ordinal);

        var test = await fixture.Adapter.TestConnectionAsync(ExpediaTestData.Connection(hotel), Ct);
        Assert.False(test.Healthy);
        Assert.Contains("no access", test.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_healthy_connection_tests_healthy_and_an_incomplete_one_names_the_field()
    {
        var result = await fixture.Adapter.TestConnectionAsync(ExpediaTestData.Connection(ExpediaTestData.NewHotelId()), Ct);
        Assert.True(result.Healthy, result.Message);

        var hotel = ExpediaTestData.NewHotelId();
        var invalid = await fixture.Adapter.TestConnectionAsync(ExpediaTestData.Connection(hotel, listingId: hotel), Ct);
        Assert.False(invalid.Healthy);
        Assert.Contains("platform_listing_id", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capacity_error_3210_is_transient_and_the_rate_limit_reset_header_is_the_wait()
    {
        var services = new ServiceCollection();
        new TestChannelManagerBuilder(services).AddExpedia(o =>
        {
            o.BaseUrl = new Uri("http://eqc.invalid/");
            o.Username = ExpediaTestData.Username;
            o.Password = ExpediaTestData.Password;
        });
        services.AddHttpClient(ExpediaHttp.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new StubHandler());
        await using var provider = services.BuildServiceProvider();
        var adapter = provider.GetServices<IChannelAdapter>().Single();

        var ex = await Assert.ThrowsAsync<PlatformCallException>(() => adapter.PushAriAsync(Push(ExpediaTestData.NewHotelId()), Ct));

        Assert.True(ex.IsTransient);
        Assert.Equal(200, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(12), ex.RetryAfter);
        Assert.Contains("[3210]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_notification_credentials_webhooks_are_refused_with_the_reason()
    {
        var request = new WebhookRequest { Headers = new Dictionary<string, string>(), Body = "<x/>"u8.ToArray(), ReceivedAt = DateTimeOffset.UtcNow };
        var result = fixture.Adapter.VerifyWebhook(request);
        Assert.False(result.IsAuthentic);
        Assert.Contains("Booking Retrieval", result.FailureReason, StringComparison.Ordinal);
        Assert.Throws<WebhookFormatException>(() => fixture.Adapter.ParseWebhook(request));
    }

    private sealed class StubHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(
                    "<?xml version=\"1.0\"?><AvailRateUpdateRS xmlns=\"http://www.expediaconnect.com/EQC/AR/2007/02\"><Error code=\"3210\">Connection refused</Error></AvailRateUpdateRS>",
                    Encoding.UTF8,
                    "text/xml"),
            };
            response.Headers.Add(ExpediaHttp.RateLimitResetHeader, "12");
            return Task.FromResult(response);
        }
    }
}
