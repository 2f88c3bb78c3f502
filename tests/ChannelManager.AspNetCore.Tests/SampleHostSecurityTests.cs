using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChannelManager.Bookings;
using ChannelManager.Inventory;
using ChannelManager.Conflicts;
using ChannelManager.Connections;
using ChannelManager.SampleHost;
using ChannelManager.SampleHost.Security;
using ChannelManager.Simulator;
using ChannelManager.Unmapped;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// The sample host's API keys: every route outside the anonymous ones (webhooks, feeds, index, the dashboard's data-free page) refuses a caller without
/// a valid key with 401, found by walking the route table so that no future route can be forgotten; and tenant B, walking
/// every id route against tenant A's records, gets 404 (never 403, never data) and changes nothing. On embedded stores
/// here; on PostgreSQL (row-level security under the API) in <see cref="SampleHostSecurityOnPostgresTests"/>.
/// </summary>
public partial class SampleHostSecurityTests : IAsyncLifetime
{
    private const string KeyA = "tenant-a-key-0123456789";
    private const string KeyB = "tenant-b-key-9876543210";
    private const string OperatorKey = "operator-key-5555555555";

    private PlatformSimulator _simulator = null!;
    private WebApplicationFactory<SampleHostEntryPoint> _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _simulator = await PlatformSimulator.StartAsync();
        var storeSettings = await StoreSettingsAsync();
        _factory = new WebApplicationFactory<SampleHostEntryPoint>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in storeSettings)
            {
                b.UseSetting(key, value);
            }

            b.UseSetting("Simulator:Enabled", "false")
            .UseSetting("AIRBNB_API_BASE_URL", _simulator.AirbnbBaseAddress.ToString())
            .UseSetting("AIRBNB_CLIENT_ID", "sample-test")
            .UseSetting("AIRBNB_WEBHOOK_SECRET", "0123456789abcdef0123456789abcdef")
            .UseSetting("SampleHost:ApiKeys:tenant-a", SampleApiKeys.HashOf(KeyA))
            .UseSetting("SampleHost:ApiKeys:tenant-b", SampleApiKeys.HashOf("rotated-old-key") + "," + SampleApiKeys.HashOf(KeyB))
            .UseSetting("SampleHost:OperatorApiKeys:ops", SampleApiKeys.HashOf(OperatorKey));
        });
    }

    public virtual async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _simulator.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The host under test.</summary>
    protected WebApplicationFactory<SampleHostEntryPoint> Factory => _factory;

    /// <summary>Settings that choose the host's store (none: the embedded defaults).</summary>
    protected virtual Task<IReadOnlyList<(string Key, string Value)>> StoreSettingsAsync() =>
        Task.FromResult<IReadOnlyList<(string Key, string Value)>>([]);

    [Fact]
    public async Task Without_a_valid_key_every_secured_route_answers_401_and_the_anonymous_ones_stay_reachable()
    {
        using var anonymous = _factory.CreateClient();
        var secured = SecuredRoutes();
        Assert.Contains(secured, r => r.Pattern == "/channel-connections/{id}/sync-logs");
        Assert.Contains(secured, r => r.Pattern == "/operations/unmapped-reservations");
        Assert.Contains(secured, r => r.Pattern.StartsWith("/pms/", StringComparison.Ordinal));
        Assert.Contains(secured, r => r.Pattern == "/dashboard/events");

        foreach (var (method, pattern) in secured)
        {
            var path = Fill(pattern, Guid.NewGuid().ToString());
            foreach (var header in new[] { null, "Bearer wrong-key", "Bearer ", "Basic dXNlcjpwYXNz" })
            {
                using var request = Request(method, path, header);
                using var response = await anonymous.SendAsync(request, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with '{header}': {(int)response.StatusCode}");
            }

            using var wrongApiKey = Request(method, path, null);
            wrongApiKey.Headers.Add("X-Api-Key", KeyA + "x");
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(wrongApiKey, Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/webhooks/health", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/metrics", Ct)).StatusCode);
        using var page = await anonymous.GetAsync("/dashboard", Ct); // the page holds no data: it asks for the key
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/ical/tenant-a/" + Guid.NewGuid() + "/token.ics", Ct)).StatusCode);
        using var webhook = await anonymous.PostAsync("/webhooks/airbnb", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
        Assert.NotEqual(HttpStatusCode.NotFound, webhook.StatusCode); // reached: refused by Airbnb's own signature check, not by the API key
        Assert.NotEqual(HttpStatusCode.OK, webhook.StatusCode);
    }

    [Fact]
    public async Task Tenant_b_walking_every_id_route_against_tenant_a_records_gets_404_and_changes_nothing()
    {
        using var a = Client("Bearer " + KeyA);
        using var b = _factory.CreateClient();
        b.DefaultRequestHeaders.Add("X-Api-Key", KeyB);
        using var ops = Client("Bearer " + OperatorKey);

        // Tenant A's records: a connection (with sync logs from its initial push), a conflict and an unmapped reservation.
        var property = Guid.NewGuid();
        var created = await a.PostAsJsonAsync("/channel-connections", new { property_id = property, platform_type = "airbnb", platform_listing_id = "airbnb_listing_789", access_token = "token-a" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var connection = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (JsonDocument.Parse(await a.GetStringAsync($"/channel-connections/{connection}/sync-logs", Ct)).RootElement.GetProperty("items").GetArrayLength() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        Assert.NotEqual(0, JsonDocument.Parse(await a.GetStringAsync($"/channel-connections/{connection}/sync-logs", Ct)).RootElement.GetProperty("items").GetArrayLength());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var conflict = Guid.NewGuid();
        await _factory.Services.GetRequiredService<IConflictStore>().AddIfAbsentAsync(new OverbookingConflict
        {
            Id = conflict,
            TenantId = "tenant-a",
            PropertyId = property,
            BookingId = "booking-a",
            Stay = new DateRange(today.AddDays(10), today.AddDays(12)),
            DetectedAt = DateTimeOffset.UtcNow,
        }, Ct);
        var code = "HM" + Guid.NewGuid().ToString("N")[..8];
        var unmapped = (await _factory.Services.GetRequiredService<IUnmappedReservationStore>().RecordSightingAsync(new UnmappedReservation
        {
            Id = Guid.NewGuid(),
            Platform = Platform.Airbnb,
            ListingId = "airbnb_listing_unknown",
            ConfirmationCode = code,
            DedupeKey = "reservation:" + code,
            Reservation = new PlatformReservation
            {
                Platform = Platform.Airbnb,
                ConfirmationCode = code,
                ListingId = "airbnb_listing_unknown",
                Stay = new DateRange(today.AddDays(20), today.AddDays(22)),
                Status = BookingStatus.Confirmed,
            },
            Source = UnmappedReservationSource.Pull,
            TenantId = "tenant-a",
            FirstSeenAt = DateTimeOffset.UtcNow,
            LastSeenAt = DateTimeOffset.UtcNow,
        }, Ct)).Record.Id;
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/conflicts/{conflict}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/unmapped-reservations/{unmapped}", Ct)).StatusCode);

        var secrets = new[] { connection.ToString(), conflict.ToString(), unmapped.ToString(), property.ToString(), code, "booking-a" };
        foreach (var (method, pattern) in SecuredRoutes())
        {
            if (pattern.StartsWith("/operations/", StringComparison.Ordinal))
            {
                // Operator-only, whatever the id: a tenant's key is refused by role, which says nothing about the record.
                using var refused = await b.SendAsync(Request(method, Fill(pattern, unmapped.ToString()), null), Ct);
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
                continue;
            }

            if (pattern == "/dashboard/events")
            {
                // A stream never ends: its tenant filter is proven by DashboardEventStreamTests.
                continue;
            }

            if (!pattern.Contains('{', StringComparison.Ordinal))
            {
                if (method == HttpMethods.Get)
                {
                    var list = await b.GetStringAsync(pattern, Ct);
                    Assert.All(secrets, s => Assert.DoesNotContain(s, list, StringComparison.OrdinalIgnoreCase));
                }

                continue;
            }

            var id = pattern switch
            {
                _ when pattern.StartsWith("/channel-connections/", StringComparison.Ordinal) => connection.ToString(),
                _ when pattern.StartsWith("/conflicts/", StringComparison.Ordinal) => conflict.ToString(),
                _ when pattern.StartsWith("/unmapped-reservations/", StringComparison.Ordinal) => unmapped.ToString(),
                _ when pattern.StartsWith("/dead-letters/", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
                _ when pattern.StartsWith("/pms/ical-feeds/", StringComparison.Ordinal) => connection.ToString(),
                _ when pattern.StartsWith("/pms/properties/", StringComparison.Ordinal) => property.ToString(),
                _ => throw new InvalidOperationException($"{method} {pattern} is not covered by the cross-tenant walk: add it."),
            };

            using var foreign = await b.SendAsync(Request(method, Fill(pattern, id), null), Ct);
            var body = await foreign.Content.ReadAsStringAsync(Ct);
            using var unknown = await b.SendAsync(Request(method, Fill(pattern, Guid.NewGuid().ToString()), null), Ct);
            Assert.True(foreign.StatusCode == unknown.StatusCode, $"{method} {pattern}: {(int)foreign.StatusCode} for tenant A's id, {(int)unknown.StatusCode} for an unknown one");
            Assert.NotEqual(HttpStatusCode.Forbidden, foreign.StatusCode);
            if (pattern.StartsWith("/pms/properties/", StringComparison.Ordinal))
            {
                // A property id names no record: tenant B sees its own (empty) ledger, the same as for any id.
                Assert.Equal(await unknown.Content.ReadAsStringAsync(Ct), body);
                continue;
            }

            Assert.True(foreign.StatusCode == HttpStatusCode.NotFound, $"{method} {pattern}: {(int)foreign.StatusCode} {body}");
            Assert.DoesNotContain("airbnb_listing_789", body, StringComparison.Ordinal);
            Assert.DoesNotContain("booking-a", body, StringComparison.Ordinal);
        }

        // Nothing of tenant A's changed.
        var mine = JsonDocument.Parse(await a.GetStringAsync($"/channel-connections/{connection}", Ct)).RootElement;
        Assert.Equal("active", mine.GetProperty("status").GetString());
        Assert.Equal("airbnb_listing_789", mine.GetProperty("platform_listing_id").GetString());
        Assert.Equal("open", JsonDocument.Parse(await a.GetStringAsync($"/conflicts/{conflict}", Ct)).RootElement.GetProperty("status").GetString());
        Assert.Equal("open", JsonDocument.Parse(await a.GetStringAsync($"/unmapped-reservations/{unmapped}", Ct)).RootElement.GetProperty("state").GetString());
        Assert.Contains(connection.ToString(), await a.GetStringAsync("/channel-connections", Ct), StringComparison.Ordinal);

        // The operator's key crosses tenants on the operations API only; it has no tenant for the management API.
        Assert.Contains(unmapped.ToString(), await ops.GetStringAsync("/operations/unmapped-reservations", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.GetAsync("/channel-connections", Ct)).StatusCode);
    }

    private HttpClient Client(string authorization)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        return client;
    }

    /// <summary>Every route of the host but the anonymous ones (index, webhooks, iCal and Vrbo feeds, health, Prometheus scrape, the dashboard's page and its files, API description), with its methods.</summary>
    private List<(string Method, string Pattern)> SecuredRoutes()
    {
        var routes = new List<(string, string)>();
        foreach (var endpoint in _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            if (pattern == "/" || pattern.StartsWith("/webhooks/", StringComparison.Ordinal) || pattern.StartsWith("/ical/", StringComparison.Ordinal)
                || pattern.StartsWith("/fewo-direkt/", StringComparison.Ordinal) || pattern is "/health" or "/metrics"
                || pattern.TrimEnd('/') == "/dashboard" || pattern.StartsWith("/dashboard/assets/", StringComparison.Ordinal)
                || pattern.StartsWith("/openapi/", StringComparison.Ordinal) || pattern.StartsWith("/scalar", StringComparison.Ordinal))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
            routes.AddRange(methods.Select(m => (m, pattern.TrimEnd('/') is { Length: > 0 } p ? p : "/")));
        }

        Assert.NotEmpty(routes);
        return routes;
    }

    private static string Fill(string pattern, string id) => RouteParameter().Replace(pattern, id);

    private static HttpRequestMessage Request(string method, string path, string? authorization)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (method is "POST" or "PUT" or "PATCH")
        {
            var body = path.EndsWith("/sync", StringComparison.Ordinal) ? """{"sync_type":"full"}"""
                : path.EndsWith("/resolve", StringComparison.Ordinal) ? """{"resolution":"moved"}"""
                : method == "PUT" ? """{"status":"paused","platform_listing_id":"stolen"}"""
                : "{}";
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
