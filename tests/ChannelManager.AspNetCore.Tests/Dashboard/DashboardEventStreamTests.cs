using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChannelManager.AspNetCore.Tests.Hosting;
using ChannelManager.Events;
using ChannelManager.SampleHost;
using ChannelManager.SampleHost.Security;
using ChannelManager.Simulator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.AspNetCore.Tests.Dashboard;

/// <summary>
/// The dashboard's live status (<c>GET /dashboard/events</c>) on the sample host: a tenant's stream carries that tenant's
/// connection changes, sync-log rows and dead letters as the engine produces them, and nothing of another tenant's.
/// Absence is proven by order, not by waiting: each stream is a queue, so an event of tenant A that leaked into B's stream
/// would arrive before B's own later event.
/// </summary>
public sealed class DashboardEventStreamTests : IAsyncLifetime
{
    private const string KeyA = "dashboard-tenant-a-key-0123";
    private const string KeyB = "dashboard-tenant-b-key-4567";

    private PlatformSimulator _simulator = null!;
    private SampleHostWithSimulatedAirbnb _host = null!;
    private WebApplicationFactory<SampleHostEntryPoint> _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await SampleHostWithSimulatedAirbnb.StartAsync([("tenant-a", KeyA), ("tenant-b", KeyB)], ("ChannelManager:MaxEventDeliveries", "1"), ("ChannelManager:Dashboard:HeartbeatInterval", "00:00:01"));
        _simulator = _host.Simulator;
        _factory = _host.Factory;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Without_a_key_the_stream_answers_401()
    {
        using var anonymous = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard/events", Ct)).StatusCode);
        using var wrong = Client("wrong-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/dashboard/events", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_tenant_sees_its_connection_and_sync_log_live_and_the_other_tenant_sees_none_of_it()
    {
        using var a = Client(KeyA);
        using var b = Client(KeyB);
        await using var streamA = await SseStream.OpenAsync(a, "/dashboard/events", Ct);
        await using var streamB = await SseStream.OpenAsync(b, "/dashboard/events", Ct);
        Assert.Equal("tenant-a", (await streamA.ReadUntilAsync("ready", _ => true)).GetProperty("tenant").GetString());
        Assert.Equal("tenant-b", (await streamB.ReadUntilAsync("ready", _ => true)).GetProperty("tenant").GetString());

        var connectionA = await CreateAirbnbConnectionAsync(a, "airbnb_listing_dash_a");
        var created = await streamA.ReadUntilAsync("connection", d => d.GetProperty("id").GetGuid() == connectionA);
        Assert.Equal("airbnb_listing_dash_a", created.GetProperty("platform_listing_id").GetString());
        Assert.True(created.GetProperty("has_access_token").GetBoolean());
        Assert.DoesNotContain("token-dash", created.GetRawText(), StringComparison.Ordinal);

        // The initial push is logged, and the connection's last sync moves: both arrive without asking.
        var log = await streamA.ReadUntilAsync("sync_log", d => d.GetProperty("connection_id").GetGuid() == connectionA);
        Assert.Equal("ari_push", log.GetProperty("operation").GetString());
        Assert.Equal("succeeded", log.GetProperty("outcome").GetString());
        var synced = await streamA.ReadUntilAsync("connection", d => d.GetProperty("id").GetGuid() == connectionA && d.GetProperty("last_sync_at").ValueKind == JsonValueKind.String);
        Assert.Equal("active", synced.GetProperty("status").GetString());

        // Tenant B's own, later change is the first thing its stream carries after "ready".
        var connectionB = await CreateAirbnbConnectionAsync(b, "airbnb_listing_dash_b");
        await streamB.ReadUntilAsync("connection", d => d.GetProperty("id").GetGuid() == connectionB);
        Assert.Equal(["ready", "connection"], streamB.Seen.Select(s => s.Type));
        Assert.All(streamB.Seen, s => Assert.DoesNotContain(connectionA.ToString(), s.Data.GetRawText(), StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(streamA.Seen, s => s.Data.GetRawText().Contains(connectionB.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Dead_letters_reach_the_stream_of_their_event_tenant_only_and_their_replay_too()
    {
        using var a = Client(KeyA);
        using var b = Client(KeyB);
        await using var streamA = await SseStream.OpenAsync(a, "/dashboard/events", Ct);
        await using var streamB = await SseStream.OpenAsync(b, "/dashboard/events", Ct);
        await streamA.ReadUntilAsync("ready", _ => true);
        await streamB.ReadUntilAsync("ready", _ => true);

        // An event the engine cannot apply (an empty range), put on the real bus: dead-lettered after one delivery.
        var bus = _factory.Services.GetRequiredService<IEventBus>();
        var poisonA = Poison("tenant-a");
        await bus.PublishAsync(poisonA, Ct);
        var letterA = await streamA.ReadUntilAsync("dead_letter", d => d.GetProperty("event_id").GetGuid() == poisonA.EventId);
        Assert.Equal("pricing.updated", letterA.GetProperty("type").GetString());

        var poisonB = Poison("tenant-b");
        await bus.PublishAsync(poisonB, Ct);
        await streamB.ReadUntilAsync("dead_letter", d => d.GetProperty("event_id").GetGuid() == poisonB.EventId);
        Assert.Equal(["ready", "dead_letter"], streamB.Seen.Select(s => s.Type));

        var id = letterA.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Accepted, (await a.PostAsync($"/dead-letters/{id}/replay", null, Ct)).StatusCode);
        await streamA.ReadUntilAsync("dead_letter_replayed", d => d.GetProperty("id").GetString() == id);
        Assert.DoesNotContain(streamA.Seen, s => s.Data.GetRawText().Contains(poisonB.EventId.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_idle_stream_gets_heartbeat_comments()
    {
        using var a = Client(KeyA);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/events");
        using var response = await a.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.True(response.Headers.CacheControl is { NoCache: true, NoStore: true }, $"Cache-Control: {response.Headers.CacheControl}");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        var lines = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!lines.Contains(": heartbeat"))
        {
            lines.Add(await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the stream ended"));
        }

        Assert.Equal("retry: 2000", lines[0]);
        Assert.Contains("event: ready", lines);
    }

    private HttpClient Client(string key)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + key);
        return client;
    }

    private static async Task<Guid> CreateAirbnbConnectionAsync(HttpClient client, string listing)
    {
        var created = await client.PostAsJsonAsync("/channel-connections", new { property_id = Guid.NewGuid(), platform_type = "airbnb", platform_listing_id = listing, access_token = "token-dash" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetGuid();
    }

    private static EventEnvelope Poison(string tenant) => new()
    {
        EventId = Guid.NewGuid(),
        TenantId = tenant,
        PropertyId = Guid.NewGuid(),
        OccurredAt = DateTimeOffset.UtcNow,
        Payload = new PricingUpdated { From = new DateOnly(2030, 1, 5), To = new DateOnly(2030, 1, 5), Rate = 10m, Currency = "EUR" },
    };
}
