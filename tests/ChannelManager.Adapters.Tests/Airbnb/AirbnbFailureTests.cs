using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.Faults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChannelManager.Adapters.Tests.Airbnb;

/// <summary>Every HTTP failure becomes a <see cref="PlatformCallException"/> with the right transience.</summary>
public sealed class AirbnbFailureTests : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorFixture _fixture;

    public AirbnbFailureTests(SimulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Simulator.State.ClearFaults();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Http_429_with_Retry_After_is_transient_and_carries_the_delay()
    {
        _fixture.Simulator.State.InjectFault(SimulatorFault.Status(Platform.Airbnb, 429, retryAfterSeconds: 7));

        var ex = await PushFails(_fixture.Adapter, TestData.NewListingId());

        Assert.True(ex.IsTransient);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Contains("rate_limited", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_After_as_an_http_date_is_measured_from_now()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 10, 0, 0, TimeSpan.Zero));
        var handler = new StubHandler(() =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("{}") };
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(new DateTimeOffset(2030, 1, 1, 10, 0, 42, TimeSpan.Zero));
            return response;
        });
        await using var scope = AdapterScope.Create(
            new Uri("http://127.0.0.1:9/"),
            timeProvider: clock,
            services: s => s.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(() => handler)));

        var ex = await PushFails(scope.Adapter, TestData.NewListingId());

        Assert.True(ex.IsTransient);
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(42), ex.RetryAfter);
    }

    [Fact]
    public async Task Http_500_is_transient_and_the_faulted_call_is_recorded()
    {
        var listing = TestData.NewListingId();
        _fixture.Simulator.State.InjectFault(SimulatorFault.Status(Platform.Airbnb, 500));

        var ex = await PushFails(_fixture.Adapter, listing);

        Assert.True(ex.IsTransient);
        Assert.Equal(500, ex.StatusCode);
        Assert.Null(ex.RetryAfter);
        var call = Assert.Single(_fixture.CallsFor(listing));
        Assert.Equal(SimulatorFaultKind.HttpStatus, call.Fault);
        Assert.Equal(500, call.StatusCode);
        Assert.Null(_fixture.Simulator.State.GetDay(Platform.Airbnb, listing, new DateOnly(2030, 1, 1))); // nothing applied
    }

    [Fact]
    public async Task A_validation_error_400_is_permanent_and_names_the_reason()
    {
        var listing = TestData.NewListingId();
        var day = new AriDay { Date = new DateOnly(2030, 1, 1), AvailableUnits = 1, MinStay = 10, MaxStay = 3 }; // rejected by the platform

        var ex = await Assert.ThrowsAsync<PlatformCallException>(() =>
            _fixture.Adapter.PushAriAsync(new AriPushRequest(TestData.Connection(listing), [day]), Ct));

        Assert.False(ex.IsTransient);
        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("invalid_stay_range", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_401_is_permanent_and_the_message_names_no_token()
    {
        var connection = TestData.Connection(TestData.NewListingId());
        _fixture.Simulator.State.RevokeToken(connection.Credentials.AccessToken);

        var ex = await Assert.ThrowsAsync<PlatformCallException>(() =>
            _fixture.Adapter.PushAriAsync(new AriPushRequest(connection, [new AriDay { Date = new DateOnly(2030, 1, 1), AvailableUnits = 1 }]), Ct));

        Assert.False(ex.IsTransient);
        Assert.Equal(401, ex.StatusCode);
        Assert.DoesNotContain(connection.Credentials.AccessToken, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestData.ClientId, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_listing_404_is_permanent()
    {
        var listing = TestData.NewListingId();
        _fixture.Simulator.State.RemoveListing(Platform.Airbnb, listing);

        var ex = await PushFails(_fixture.Adapter, listing);

        Assert.False(ex.IsTransient);
        Assert.Equal(404, ex.StatusCode);
    }

    [Fact]
    public async Task A_hanging_platform_times_out_as_a_transient_failure()
    {
        await using var scope = AdapterScope.Create(_fixture.Simulator.AirbnbBaseAddress, o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));
        _fixture.Simulator.State.InjectFault(SimulatorFault.Hang(Platform.Airbnb, TimeSpan.FromSeconds(20)));
        var watch = Stopwatch.StartNew();

        var ex = await PushFails(scope.Adapter, TestData.NewListingId());

        Assert.True(ex.IsTransient);
        Assert.Null(ex.StatusCode);
        Assert.Contains("0.3 s", ex.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_body_slower_than_the_timeout_times_out_and_a_slow_body_within_it_succeeds()
    {
        // 2 s leaves room for a loaded CI machine around the 150 ms slow body that must succeed.
        await using var scope = AdapterScope.Create(_fixture.Simulator.AirbnbBaseAddress, o => o.RequestTimeout = TimeSpan.FromSeconds(2));
        _fixture.Simulator.State.InjectFault(SimulatorFault.Slow(Platform.Airbnb, TimeSpan.FromSeconds(10)));

        var ex = await PushFails(scope.Adapter, TestData.NewListingId());
        Assert.True(ex.IsTransient);

        var listing = TestData.NewListingId();
        _fixture.Simulator.State.InjectFault(SimulatorFault.Slow(Platform.Airbnb, TimeSpan.FromMilliseconds(150)));
        var result = await scope.Adapter.PushAriAsync(
            new AriPushRequest(TestData.Connection(listing), [new AriDay { Date = new DateOnly(2030, 1, 1), AvailableUnits = 1, Rate = 10m }]),
            Ct);
        Assert.Equal(1, result.PlatformCalls);
        Assert.Equal(SimulatorFaultKind.SlowBody, Assert.Single(_fixture.CallsFor(listing)).Fault);
    }

    [Fact]
    public async Task A_truncated_body_becomes_a_transient_PlatformCallException()
    {
        _fixture.Simulator.State.InjectFault(SimulatorFault.Truncated(Platform.Airbnb));

        var ex = await PushFails(_fixture.Adapter, TestData.NewListingId());

        Assert.True(ex.IsTransient);
        Assert.Equal(Platform.Airbnb, ex.Platform);
    }

    [Fact]
    public async Task A_refused_connection_is_transient()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var scope = AdapterScope.Create(new Uri($"http://127.0.0.1:{port}/airbnb/"));

        var ex = await PushFails(scope.Adapter, TestData.NewListingId());

        Assert.True(ex.IsTransient);
        Assert.Null(ex.StatusCode);
    }

    [Fact]
    public async Task Faults_are_consumed_in_order_then_calls_succeed_again()
    {
        var state = _fixture.Simulator.State;
        state.InjectFault(SimulatorFault.Status(Platform.Airbnb, 503));
        state.InjectFault(SimulatorFault.Status(Platform.Airbnb, 429, retryAfterSeconds: 1));

        Assert.Equal(503, (await PushFails(_fixture.Adapter, TestData.NewListingId())).StatusCode);
        Assert.Equal(429, (await PushFails(_fixture.Adapter, TestData.NewListingId())).StatusCode);
        var ok = await _fixture.Adapter.PushAriAsync(
            new AriPushRequest(TestData.Connection(TestData.NewListingId()), [new AriDay { Date = new DateOnly(2030, 1, 1), AvailableUnits = 1 }]),
            Ct);
        Assert.Equal(1, ok.PlatformCalls);
        Assert.Empty(state.PendingFaults);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_a_platform_failure()
    {
        _fixture.Simulator.State.InjectFault(SimulatorFault.Hang(Platform.Airbnb, TimeSpan.FromSeconds(20)));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _fixture.Adapter.PushAriAsync(
                new AriPushRequest(TestData.Connection(TestData.NewListingId()), [new AriDay { Date = new DateOnly(2030, 1, 1), AvailableUnits = 1 }]),
                cts.Token));
    }

    private static Task<PlatformCallException> PushFails(IChannelAdapter adapter, string listing) =>
        Assert.ThrowsAsync<PlatformCallException>(() => adapter.PushAriAsync(
            new AriPushRequest(TestData.Connection(listing), [new AriDay { Date = new DateOnly(2030, 1, 1), AvailableUnits = 1, Rate = 50m }]),
            Ct));

    /// <summary>Answers every call itself, in place of the network.</summary>
    private sealed class StubHandler(Func<HttpResponseMessage> respond) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(respond());
    }
}
