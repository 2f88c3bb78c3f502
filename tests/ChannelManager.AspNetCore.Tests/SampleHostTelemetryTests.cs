using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChannelManager.AspNetCore.Tests.Hosting;
using ChannelManager.SampleHost;
using ChannelManager.SampleHost.Security;
using ChannelManager.Simulator;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// The sample host's operators' surface: after a flow (a connection, two overlapping direct bookings through the sample
/// PMS, pushed to the simulated Airbnb), Prometheus scrapes every series of the reference at <c>/metrics</c>, with
/// bounded labels only; and <c>/health</c> answers each check's status, anonymously and without details.
/// </summary>
public sealed partial class SampleHostTelemetryTests : IAsyncLifetime
{
    private const string Key = "telemetry-key-0123456789";

    private PlatformSimulator _simulator = null!;
    private SampleHostWithSimulatedAirbnb _host = null!;
    private WebApplicationFactory<SampleHostEntryPoint> _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await SampleHostWithSimulatedAirbnb.StartAsync([("tenant-t", Key)], ("ChannelManager:Telemetry:GaugeRefreshInterval", "00:00:00.200"));
        _simulator = _host.Simulator;
        _factory = _host.Factory;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task After_a_flow_the_scrape_endpoint_has_every_series_with_bounded_labels()
    {
        using var api = _factory.CreateClient();
        api.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var property = Guid.NewGuid();
        var created = await api.PostAsJsonAsync("/channel-connections", new { property_id = property, platform_type = "airbnb", platform_listing_id = "airbnb_listing_telemetry", access_token = "secret-token-telemetry" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var connection = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetString()!;

        var checkIn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        foreach (var booking in new[] { "booking-1", "booking-2" })
        {
            // The second takes the same night: an overbooking conflict.
            using var published = await api.PostAsJsonAsync("/pms/events", new { type = "booking.confirmed", property_id = property, payload = new { booking_id = booking, check_in = checkIn.ToString("O"), check_out = checkIn.AddDays(2).ToString("O") } }, Ct);
            Assert.True(published.IsSuccessStatusCode, $"publish: {(int)published.StatusCode}");
        }

        using var scraper = _factory.CreateClient(); // anonymous, as Prometheus scrapes
        IReadOnlyList<Series> series = [];
        await Eventually.TrueAsync(
            async () =>
            {
                series = Parse(await scraper.GetStringAsync("/metrics", Ct));
                return series.Any(s => s.Name == "channel_manager_sync_latency_seconds_bucket" && s["event_type"] == "booking.confirmed" && s["platform"] == "airbnb")
                    && series.Any(s => s.Name == "channel_manager_connections_active" && s["platform"] == "airbnb" && s.Value >= 1)
                    && series.Any(s => s.Name == "channel_manager_overbooking_conflicts_total");
            },
            () => "the flow's series are scraped; got: " + string.Join(", ", series.Select(s => s.Name).Distinct()),
            timeoutMs: 30_000);

        Assert.Contains(series, s => s.Name == "channel_manager_sync_operations_total" && s["event_type"] == "booking.confirmed" && s["platform"] == "airbnb" && s["status"] == "succeeded" && s["operation"] == "ari_push" && s.Value >= 1);
        Assert.Contains(series, s => s.Name == "channel_manager_sync_operations_total" && s["event_type"] == "connection.created" && s["status"] == "succeeded");
        Assert.Contains(series, s => s.Name == "http_requests_total" && s["method"] == "POST" && s["endpoint"] == "/channel-connections" && s["status"] == "201" && s.Value >= 1);
        Assert.Contains(series, s => s.Name == "http_requests_total" && s["method"] == "POST" && s["endpoint"] == "/pms/events" && s.Value >= 2);
        Assert.Contains(series, s => s.Name == "channel_manager_sync_latency_seconds_bucket" && s["le"] == "+Inf" && s.Value >= 1);
        Assert.Contains(series, s => s.Name == "channel_manager_sync_latency_seconds_count" && s["event_type"] == "booking.confirmed");
        Assert.Contains(series, s => s.Name == "channel_manager_dirty_range_backlog_nights" && s["lane"] == "urgent");
        Assert.Contains(series, s => s.Name == "channel_manager_dirty_range_backlog_nights" && s["lane"] == "budgeted");
        Assert.Contains(series, s => s.Name == "channel_manager_dirty_range_backlog_connections");
        Assert.Contains(series, s => s.Name == "channel_manager_dead_letters");
        Assert.Contains(series, s => s.Name == "channel_manager_overbooking_conflicts_total" && s["source"] == "direct" && s.Value >= 1);
        Assert.Contains(series, s => s.Name == "channel_manager_rate_limiter_rejections_total" && s["platform"] == "airbnb" && s["limiter"] == "push_budget");
        Assert.Contains(series, s => s.Name == "channel_manager_rate_limiter_rejections_total" && s["platform"] == "airbnb" && s["limiter"] == "platform_rate_limit");
        Assert.Contains(series, s => s.Name == "channel_manager_circuit_breaker_state" && s["platform"] == "airbnb" && s.Value == 0);

        // Bounded labels only: no tenant, connection, property or listing ids, no raw paths, no secrets.
        var text = await scraper.GetStringAsync("/metrics", Ct);
        foreach (var forbidden in new[] { "tenant-t", connection, property.ToString(), "airbnb_listing_telemetry", "secret-token-telemetry", Key })
        {
            Assert.DoesNotContain(forbidden, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Health_answers_each_check_status_anonymously_and_without_details()
    {
        using var anonymous = _factory.CreateClient();
        using var response = await anonymous.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal("Healthy", checks["channel_manager_bus"]);
        Assert.Equal("Healthy", checks["channel_manager_store"]);
        Assert.Equal("Healthy", checks["channel_manager_circuit_airbnb"]);
        Assert.Equal(["checks", "status"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        // The existing webhook health stays where it was.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/webhooks/health", Ct)).StatusCode);
    }

    private static List<Series> Parse(string exposition)
    {
        var series = new List<Series>();
        foreach (var line in exposition.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = SeriesLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in Label().Matches(match.Groups["labels"].Value))
            {
                labels[label.Groups["key"].Value] = label.Groups["value"].Value;
            }

            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var v => double.Parse(v, CultureInfo.InvariantCulture),
            };
            series.Add(new Series(match.Groups["name"].Value, labels, value));
        }

        return series;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex SeriesLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();

    /// <summary>One scraped series.</summary>
    private sealed record Series(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
    {
        public string? this[string label] => Labels.TryGetValue(label, out var v) ? v : null;
    }
}
