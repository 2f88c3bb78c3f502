using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChannelManager.Adapters.FewoDirekt;
using ChannelManager.AspNetCore.Tests.Hosting;
using ChannelManager.Connections;
using ChannelManager.Engine.Sync;
using ChannelManager.SampleHost;
using ChannelManager.SampleHost.Security;
using ChannelManager.Simulator;
using ChannelManager.Simulator.BookingCom;
using ChannelManager.Simulator.Expedia;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// The sample host as a real deployment runs it: simulator off, platforms configured through the same configuration
/// keys an operator would set (here Airbnb only, pointed at a simulator the test starts). Only the configured
/// platform is enabled; the others neither fail the start nor accept connections.
/// </summary>
public sealed class SampleHostTests : IAsyncLifetime
{
    private PlatformSimulator _simulator = null!;
    private const string ApiKey = "sample-host-test-key";
    private SampleHostWithSimulatedAirbnb _host = null!;
    private WebApplicationFactory<SampleHostEntryPoint> _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await SampleHostWithSimulatedAirbnb.StartAsync([("default", ApiKey)]);
        _simulator = _host.Simulator;
        _factory = _host.Factory;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_sample_host_serves_the_api_the_webhooks_and_the_sample_pms()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        var index = await client.GetStringAsync("/", ct);
        Assert.Contains("/channel-connections", index, StringComparison.Ordinal);

        var property = Guid.NewGuid();
        var created = await client.PostAsJsonAsync("/channel-connections", new { property_id = property, platform_type = "airbnb", platform_listing_id = "airbnb_listing_789", access_token = "your_token" }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (_simulator.State.GetDay(Platform.Airbnb, "airbnb_listing_789", today.AddDays(7)) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, ct);
        }

        Assert.True(_simulator.State.GetDay(Platform.Airbnb, "airbnb_listing_789", today.AddDays(7))?.IsAvailable, "the sample pushed the calendar to the configured platform");

        var health = JsonDocument.Parse(await client.GetStringAsync("/webhooks/health", ct)).RootElement;
        Assert.Contains(health.GetProperty("platforms").EnumerateArray(), p => p.GetProperty("platform").GetString() == "airbnb" && p.GetProperty("enabled").GetBoolean());

        // With the simulator off, only the platforms whose credentials are configured are enabled (none other fails the start).
        Assert.All(
            health.GetProperty("platforms").EnumerateArray().Where(p => p.GetProperty("platform").GetString() != "airbnb"),
            p => Assert.False(p.GetProperty("enabled").GetBoolean(), p.ToString()));
        Assert.Contains("booking_com  not enabled (set one of BOOKINGCOM_CLIENT_ID", index, StringComparison.Ordinal);
        var notEnabled = await client.PostAsJsonAsync("/channel-connections", new { property_id = property, platform_type = "booking_com", platform_listing_id = "1234567", access_token = "unused" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, notEnabled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/ical/default/" + Guid.NewGuid() + "/token.ics", ct)).StatusCode);

        var published = await client.PostAsJsonAsync("/pms/events", new
        {
            type = "booking.confirmed",
            property_id = property,
            payload = new { booking_id = "booking_123", check_in = today.AddDays(7), check_out = today.AddDays(9), source = "direct" },
        }, ct);
        Assert.Equal(HttpStatusCode.Accepted, published.StatusCode);

        var bad = await client.PostAsJsonAsync("/pms/events", new { type = "booking.exploded", property_id = property }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        deadline = DateTime.UtcNow.AddSeconds(15);
        while (_simulator.State.GetDay(Platform.Airbnb, "airbnb_listing_789", today.AddDays(8)) is not { IsAvailable: false } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, ct);
        }

        Assert.False(_simulator.State.GetDay(Platform.Airbnb, "airbnb_listing_789", today.AddDays(8))!.IsAvailable, "the direct booking closed the Airbnb calendar");
        var night = JsonDocument.Parse(await client.GetStringAsync($"/pms/properties/{property}/calendar?from={today.AddDays(7):yyyy-MM-dd}&to={today.AddDays(8):yyyy-MM-dd}", ct)).RootElement[0];
        Assert.False(night.GetProperty("bookable").GetBoolean());
    }
}

/// <summary>
/// The sample host as a new user runs it: no settings at all (only a free port for its simulator, so that parallel
/// runs do not collide), every platform enabled and pointed at the in-process simulator with credentials generated
/// for the run, and connections to each platform pushing their calendar there.
/// </summary>
public sealed class SampleHostSimulatorTests : IAsyncLifetime
{
    private WebApplicationFactory<SampleHostEntryPoint> _factory = null!;
    private HttpClient _client = null!;
    private PlatformSimulator _simulator = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<SampleHostEntryPoint>().WithWebHostBuilder(b => b.UseSetting("Simulator:Port", "0"));
        _client = _factory.CreateClient();
        _simulator = _factory.Services.GetRequiredService<PlatformSimulator>();

        // The one-command start generates a key for the demo tenant (and prints it once).
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _factory.Services.GetRequiredService<SampleApiKeys>().DemoKeys["tenant:default"]);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task With_no_configuration_every_platform_is_enabled_against_the_simulator()
    {
        var health = JsonDocument.Parse(await _client.GetStringAsync("/webhooks/health", Ct)).RootElement;
        var platforms = health.GetProperty("platforms").EnumerateArray().ToList();
        Assert.Equal(["airbnb", "booking_com", "expedia", "fewo_direkt", "google"], platforms.Select(p => p.GetProperty("platform").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(platforms, p => Assert.True(p.GetProperty("enabled").GetBoolean(), p.ToString()));
        Assert.True(_factory.Services.GetRequiredService<AdapterRegistry>().TryGet(Platform.ICal, out _));

        var index = await _client.GetStringAsync("/", Ct);
        foreach (var platform in new[] { "airbnb", "booking_com", "expedia", "fewo_direkt", "google", "ical" })
        {
            Assert.Contains($"{platform,-12} enabled", index, StringComparison.Ordinal);
        }

        Assert.Contains($"simulated at {_simulator.BookingComBaseAddress}", index, StringComparison.Ordinal);
        Assert.DoesNotContain("not enabled", index, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_booking_com_connection_pushes_its_calendar_to_the_simulator_and_tests_healthy()
    {
        var id = await CreateAsync("booking_com", "1234567:123456701", new { rate_plan_id = "987654", currency = "EUR" });
        await WaitForNightAsync(Platform.BookingCom, BookingComState.ListingKey("1234567", "123456701"));
        await AssertHealthyAsync(id);
    }

    [Fact]
    public async Task An_expedia_connection_pushes_its_calendar_to_the_simulator_and_tests_healthy()
    {
        var id = await CreateAsync("expedia", "7654321:200154", new { rate_plan_id = "200154A", currency = "EUR" });
        await WaitForNightAsync(Platform.Expedia, ExpediaState.ListingKey("7654321", "200154"));
        await AssertHealthyAsync(id);
    }

    [Fact]
    public async Task A_google_connection_pushes_its_calendar_to_the_simulator_and_tests_healthy()
    {
        var id = await CreateAsync("google", "vr-4242", new { rate_plan_id = "standard", currency = "EUR" });
        await WaitForNightAsync(Platform.Google, "vr-4242");
        await AssertHealthyAsync(id);
    }

    [Fact]
    public async Task A_fewo_direkt_connection_is_served_in_the_vrbo_feeds_and_tests_healthy()
    {
        var id = await CreateAsync("fewo_direkt", "fewo-listing-77", new { advertiser_id = "adv-1", currency = "EUR" });
        await AssertHealthyAsync(id);

        // The simulated Vrbo pulls these feeds from the host's real address; here the test reads them through the
        // test server with the credentials the sample generated, as Vrbo does.
        var feed = _factory.Services.GetRequiredService<IOptions<FewoDirektOptions>>().Value;
        using var anonymous = await _client.GetAsync("/fewo-direkt/advertisers", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fewo-direkt/advertisers/adv-1/listings/fewo-listing-77/units/fewo-listing-77/availability");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(feed.FeedUsername + ":" + feed.FeedPassword)));
        using var availability = await _client.SendAsync(request, Ct);
        var body = await availability.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, availability.StatusCode);
        Assert.Contains("<listingExternalId>fewo-listing-77</listingExternalId>", body, StringComparison.Ordinal);
        Assert.Contains("<beginDate>" + Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "</beginDate>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vrbo_booking_request_is_answered_with_a_booking_response_and_closes_the_nights_in_the_feed()
    {
        await CreateAsync("fewo_direkt", "fewo-e2e-listing", new { advertiser_id = "adv-e2e", currency = "EUR" });
        var feed = _factory.Services.GetRequiredService<IOptions<FewoDirektOptions>>().Value;
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(feed.FeedUsername + ":" + feed.FeedPassword)));
        var code = "HA-" + Guid.NewGuid().ToString("N")[..8];
        var body = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <bookingRequest>
              <documentVersion>1.3</documentVersion>
              <advertiserAssignedId>adv-e2e</advertiserAssignedId>
              <listingExternalId>fewo-e2e-listing</listingExternalId>
              <unitExternalId>fewo-e2e-listing</unitExternalId>
              <reservationId>{code}</reservationId>
              <inquirer><firstName>Erika</firstName><lastName>Mustermann</lastName></inquirer>
              <reservation>
                <numberOfAdults>2</numberOfAdults>
                <reservationDates><beginDate>{Today.AddDays(30):yyyy-MM-dd}</beginDate><endDate>{Today.AddDays(33):yyyy-MM-dd}</endDate></reservationDates>
                <reservationOriginationDate>{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}</reservationOriginationDate>
              </reservation>
              <orderItemList><orderItem><feeType>RENTAL</feeType><totalAmount currency="EUR">300.00</totalAmount></orderItem></orderItemList>
            </bookingRequest>
            """;

        using var anonymous = await _client.PostAsync("/webhooks/fewo-direkt", new StringContent(body, Encoding.UTF8, "application/xml"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/webhooks/fewo-direkt") { Content = new StringContent(body, Encoding.UTF8, "application/xml") };
        post.Headers.Authorization = basic;
        using var answer = await _client.SendAsync(post, Ct);
        var reply = await answer.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.StartsWith("application/xml", answer.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("<bookingStatus>CONFIRMED</bookingStatus>", reply, StringComparison.Ordinal);
        Assert.Contains($"<externalId>fewo_direkt:{code}</externalId>", reply, StringComparison.Ordinal);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(await _client.GetStringAsync("/pms/bookings", Ct)).Contains(code, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Contains(code, await _client.GetStringAsync("/pms/bookings", Ct), StringComparison.Ordinal);
        using var read = new HttpRequestMessage(HttpMethod.Get, "/fewo-direkt/advertisers/adv-e2e/listings/fewo-e2e-listing/units/fewo-e2e-listing/availability");
        read.Headers.Authorization = basic;
        using var availability = await _client.SendAsync(read, Ct);
        var days = System.Xml.Linq.XDocument.Parse(await availability.Content.ReadAsStringAsync(Ct)).Descendants("availability").Single().Value;
        Assert.Equal("YNNNY", days[29..34]);
    }

    [Fact]
    public async Task An_ical_connection_imports_the_simulated_feed_and_serves_its_own()
    {
        var code = "HM" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        _simulator.ICalFeeds.Reserve(Platform.Airbnb, "ical-listing-5", code, Today.AddDays(20), Today.AddDays(23));
        var id = await CreateAsync("ical", "ical-listing-5", new { ical_url = new Uri(_simulator.BaseAddressOf(Platform.ICal), "airbnb/ical-listing-5.ics").AbsoluteUri });
        await AssertHealthyAsync(id);

        var sync = await _client.PostAsJsonAsync($"/channel-connections/{id}/sync", new { sync_type = "bookings" }, Ct);
        Assert.True(sync.IsSuccessStatusCode, await sync.Content.ReadAsStringAsync(Ct));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(await _client.GetStringAsync("/pms/bookings", Ct)).Contains(code, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Contains(code, await _client.GetStringAsync("/pms/bookings", Ct), StringComparison.Ordinal);

        var feedUrl = new Uri(JsonDocument.Parse(await _client.GetStringAsync($"/pms/ical-feeds/{id}", Ct)).RootElement.GetProperty("url").GetString()!);
        var feed = await _client.GetAsync(feedUrl.PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("BEGIN:VCALENDAR", await feed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private async Task<Guid> CreateAsync(string platform, string listingId, object metadata)
    {
        var created = await _client.PostAsJsonAsync("/channel-connections", new
        {
            property_id = Guid.NewGuid(),
            platform_type = platform,
            platform_listing_id = listingId,
            access_token = "unused-by-" + platform,
            platform_metadata = metadata,
        }, Ct);
        var body = await created.Content.ReadAsStringAsync(Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private async Task WaitForNightAsync(Platform platform, string listingKey)
    {
        var night = Today.AddDays(7);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_simulator.State.GetDay(platform, listingKey, night) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }

        Assert.True(_simulator.State.GetDay(platform, listingKey, night)?.IsAvailable, $"the initial push reached the simulated {platform}");
    }

    private async Task AssertHealthyAsync(Guid id)
    {
        var test = await _client.PostAsync($"/channel-connections/{id}/test", null, Ct);
        var body = await test.Content.ReadAsStringAsync(Ct);
        Assert.True(test.IsSuccessStatusCode, body);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("healthy").GetBoolean(), body);
    }
}
