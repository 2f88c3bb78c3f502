using System.Net;
using System.Text;
using System.Text.Json;
using ChannelManager.Simulator.Airbnb;

namespace ChannelManager.AspNetCore.Tests;

public sealed class WebhookEndpointTests(ChannelManagerApp app) : IClassFixture<ChannelManagerApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_lists_the_five_webhook_platforms_and_which_are_enabled()
    {
        var body = JsonDocument.Parse(await app.Client.GetStringAsync("webhooks/health", Ct)).RootElement;
        Assert.Equal("ok", body.GetProperty("status").GetString());
        var platforms = body.GetProperty("platforms").EnumerateArray().ToDictionary(p => p.GetProperty("route").GetString()!, p => p.GetProperty("enabled").GetBoolean());
        Assert.Equal(
            ["/webhooks/airbnb", "/webhooks/booking-com", "/webhooks/expedia", "/webhooks/fewo-direkt", "/webhooks/google"],
            platforms.Keys.Order());
        Assert.True(platforms["/webhooks/airbnb"]);
        Assert.False(platforms["/webhooks/expedia"]);
    }

    [Fact]
    public async Task An_unsigned_or_wrongly_signed_webhook_is_refused_with_401()
    {
        var body = """{"action":"reservation_acceptance_confirmation","reservation":{"confirmation_code":"HMX","listing_id":"1","start_date":"2030-01-01","nights":2}}""";
        var unsigned = await app.Client.PostAsync("webhooks/airbnb", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        await Problem.AssertAsync(unsigned, HttpStatusCode.Unauthorized);

        var forged = new HttpRequestMessage(HttpMethod.Post, "webhooks/airbnb") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (k, v) in AirbnbWebhookSigner.CreateHeaders("not-the-secret-not-the-secret", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(body)))
        {
            forged.Headers.TryAddWithoutValidation(k, v);
        }

        await Problem.AssertAsync(await app.Client.SendAsync(forged, Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_signed_but_malformed_webhook_is_refused_with_400()
    {
        var body = """{"action":"reservation_acceptance_confirmation","reservation":{"confirmation_code":"HMX","listing_id":"1","start_date":"not-a-date","nights":2}}""";
        var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/airbnb") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (k, v) in AirbnbWebhookSigner.CreateHeaders(app.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(body)))
        {
            request.Headers.TryAddWithoutValidation(k, v);
        }

        await Problem.AssertAsync(await app.Client.SendAsync(request, Ct), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_oversized_webhook_is_cut_off_with_413()
    {
        var big = new string('x', 1024 * 1024 + 10);
        var response = await app.Client.PostAsync("webhooks/airbnb", new StringContent(big, Encoding.UTF8, "application/json"), Ct);
        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_webhook_for_a_platform_that_is_not_enabled_answers_404()
    {
        var response = await app.Client.PostAsync("webhooks/expedia", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);
        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }
}
