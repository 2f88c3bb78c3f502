using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Health;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using System.Diagnostics.Metrics;

namespace ChannelManager.Engine.Tests.Telemetry;

/// <summary>
/// The engine's instruments, read with a <see cref="MeterListener"/> on each test host's own meter: what a push, a
/// failure, a spent push budget and a dead letter do to the counters, the latency histogram and the gauges; and the
/// circuit's health check.
/// </summary>
public sealed class ChannelManagerMetricsTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_push_is_counted_by_platform_event_type_and_status_and_its_events_latency_is_recorded()
    {
        var adapter = new RecordingAdapter();
        await using var host = await EngineHost.StartAsync(null, adapter);
        using var metrics = new MetricsRecorder(host.Get<IMeterFactory>());
        var property = Guid.NewGuid();
        await host.Get<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "L1", AccessToken = "x" }, Ct);
        await Eventually.TrueAsync(() => Pushed(metrics, "connection.created"), "the initial push was counted");

        var night = Today.AddDays(20);
        var published = await host.Get<EventService>().PublishAsync("t", property, new BookingConfirmed { BookingId = "B-1", CheckIn = night, CheckOut = night.AddDays(2) }, cancellationToken: Ct);
        await Eventually.TrueAsync(() => adapter.IsClosed("L1", night), "the booking's nights were pushed closed");
        await Eventually.TrueAsync(() => Pushed(metrics, EventTypes.BookingConfirmed), "the booking's push was counted");

        var latencies = metrics.Of(ChannelManagerMetrics.SyncLatency).Where(m => m[ChannelManagerMetrics.EventTypeLabel] == EventTypes.BookingConfirmed).ToList();
        var latency = Assert.Single(latencies);
        Assert.Equal("airbnb", latency[ChannelManagerMetrics.PlatformLabel]);
        Assert.InRange(latency.Value, 0, (DateTimeOffset.UtcNow - published.OccurredAt).TotalSeconds);

        // Only bounded labels: nothing that names the tenant, the connection or the property.
        foreach (var m in metrics.Measurements)
        {
            Assert.DoesNotContain(m.Labels.Values, v => v == "t" || v == property.ToString() || v == "L1");
        }

        var connections = metrics.Observe(ChannelManagerMetrics.ConnectionsActive);
        Assert.Contains(connections, m => m[ChannelManagerMetrics.PlatformLabel] == "airbnb");
    }

    [Fact]
    public async Task Failing_pushes_are_counted_failed_and_an_open_circuit_shows_in_the_gauge_and_degrades_its_health_check()
    {
        var adapter = new RecordingAdapter();
        adapter.FailNext(1_000);
        await using var host = await EngineHost.StartAsync(
            o =>
            {
                o.DefaultResilience.BreakerMinimumThroughput = 2;
                o.DefaultResilience.BreakerFailureRatio = 0.5;
                o.DefaultResilience.BreakerBreakDuration = TimeSpan.FromMinutes(5);
            },
            [adapter],
            null,
            s => s.AddChannelManager().AddHealthChecks());
        using var metrics = new MetricsRecorder(host.Get<IMeterFactory>());
        var health = host.Get<HealthCheckService>();
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(Ct)).Entries[ChannelManagerHealthChecks.CircuitPrefix + "airbnb"].Status);
        Assert.Equal(0, Assert.Single(metrics.Observe(ChannelManagerMetrics.CircuitBreakerState)).Value);

        await host.Get<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = Guid.NewGuid(), PlatformType = "airbnb", PlatformListingId = "L1", AccessToken = "x" }, Ct);
        await Eventually.TrueAsync(
            () => metrics.Observe(ChannelManagerMetrics.CircuitBreakerState).Any(m => m.Value == 2 && m[ChannelManagerMetrics.PlatformLabel] == "airbnb"),
            "the circuit opened after the failed pushes (gauge 2)");
        await Eventually.TrueAsync(
            () => metrics.Of(ChannelManagerMetrics.SyncOperations).Any(m => m[ChannelManagerMetrics.StatusLabel] == "failed" && m[ChannelManagerMetrics.OperationLabel] == "ari_push" && m[ChannelManagerMetrics.PlatformLabel] == "airbnb"),
            "the failed push was counted");

        var report = await health.CheckHealthAsync(Ct);
        var circuit = report.Entries[ChannelManagerHealthChecks.CircuitPrefix + "airbnb"];
        Assert.Equal(HealthStatus.Degraded, circuit.Status);
        Assert.Contains("open for another", circuit.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, report.Entries[ChannelManagerHealthChecks.Bus].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries[ChannelManagerHealthChecks.Store].Status);
        Assert.Equal(HealthStatus.Degraded, report.Status);
    }

    [Fact]
    public async Task A_spent_push_budget_is_counted_as_a_rejection_and_its_waiting_nights_show_in_the_backlog()
    {
        var adapter = new RecordingAdapter();
        await using var host = await EngineHost.StartAsync(o =>
        {
            o.DefaultResilience.AriPushBudget = 1;
            o.DefaultResilience.AriPushBudgetWindow = TimeSpan.FromMinutes(10);
        }, adapter);
        using var metrics = new MetricsRecorder(host.Get<IMeterFactory>());
        Assert.All(metrics.Observe(ChannelManagerMetrics.RateLimiterRejections), m => Assert.Equal(0, m.Value));
        var property = Guid.NewGuid();
        await host.Get<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "L1", AccessToken = "x" }, Ct);
        await Eventually.TrueAsync(() => adapter.PushCalls == 1, "the initial push used the budget's one permit");

        var from = Today.AddDays(40);
        await host.Get<EventService>().PublishAsync("t", property, new PricingUpdated { From = from, To = from.AddDays(7), Rate = 99m, Currency = "EUR" }, cancellationToken: Ct);
        await Eventually.TrueAsync(
            () => metrics.Observe(ChannelManagerMetrics.RateLimiterRejections).Any(m => m[ChannelManagerMetrics.LimiterLabel] == "push_budget" && m[ChannelManagerMetrics.PlatformLabel] == "airbnb" && m.Value >= 1),
            "the deferred price push was counted as a push-budget rejection");
        var nights = metrics.Observe(ChannelManagerMetrics.DirtyNightsPending);
        Assert.Equal(7, nights.Single(m => m[ChannelManagerMetrics.LaneLabel] == "budgeted").Value);
        Assert.Equal(0, nights.Single(m => m[ChannelManagerMetrics.LaneLabel] == "urgent").Value);
        Assert.Equal(1, Assert.Single(metrics.Observe(ChannelManagerMetrics.DirtyConnectionsPending)).Value);
        Assert.Equal(1, adapter.PushCalls);
    }

    [Fact]
    public async Task Dead_letters_are_counted_by_the_gauge_after_its_background_refresh()
    {
        var poison = Guid.CreateVersion7();
        await using var host = await EngineHost.StartAsync(
            o => o.MaxEventDeliveries = 1,
            [new RecordingAdapter()],
            s =>
            {
                s.AddSingleton<IProcessedEventStore>(new FailingProcessedEventStore(poison));
                s.AddChannelManager().ConfigureTelemetry(t => t.GaugeRefreshInterval = TimeSpan.FromMilliseconds(100));
            });
        using var metrics = new MetricsRecorder(host.Get<IMeterFactory>());
        Assert.Equal(0, Assert.Single(metrics.Observe(ChannelManagerMetrics.DeadLetters)).Value);

        var night = Today.AddDays(5);
        await host.Get<EventService>().PublishAsync("t", Guid.NewGuid(), new BookingConfirmed { BookingId = "B-poison", CheckIn = night, CheckOut = night.AddDays(1) }, poison, cancellationToken: Ct);
        await Eventually.TrueAsync(() => metrics.Observe(ChannelManagerMetrics.DeadLetters).Any(m => m.Value == 1), "the dead letter was counted");
    }

    private static bool Pushed(MetricsRecorder metrics, string eventType) =>
        metrics.Of(ChannelManagerMetrics.SyncOperations).Any(m =>
            m[ChannelManagerMetrics.EventTypeLabel] == eventType && m[ChannelManagerMetrics.PlatformLabel] == "airbnb" &&
            m[ChannelManagerMetrics.StatusLabel] == "succeeded" && m[ChannelManagerMetrics.OperationLabel] == "ari_push");

    /// <summary>Fails the handling of one event id (its check throws), so that it is dead-lettered.</summary>
    private sealed class FailingProcessedEventStore(Guid poison) : IProcessedEventStore
    {
        private readonly InMemoryProcessedEventStore _inner = new();

        public Task<bool> IsProcessedAsync(Guid eventId, CancellationToken cancellationToken = default) =>
            eventId == poison ? throw new InvalidOperationException("poison") : _inner.IsProcessedAsync(eventId, cancellationToken);

        public Task<bool> MarkProcessedAsync(Guid eventId, CancellationToken cancellationToken = default) => _inner.MarkProcessedAsync(eventId, cancellationToken);
    }
}
