using System.Text.Json;
using ChannelManager.Connections;
using ChannelManager.Simulator.Faults;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>Platform faults through the whole stack, on a host of their own so no other test's pushes consume the injected faults.</summary>
public sealed class FaultToleranceTests(ChannelManagerApp app) : IClassFixture<ChannelManagerApp>
{
    private readonly ChannelManagerApp _app = app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Listing() => "F" + Random.Shared.NextInt64(10_000_000, 99_999_999);

    [Fact]
    public async Task A_platform_failure_is_retried_and_logged_until_the_push_lands()
    {
        var listing = Listing();
        _app.Simulator.State.InjectFault(SimulatorFault.Status(Platform.Airbnb, 503, times: 3, pathPrefix: "/v2/calendar_operations"));
        var id = (await _app.CreateConnectionAsync(Guid.NewGuid(), listing)).GetProperty("id").GetString();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Eventually.TrueAsync(() => _app.IsAvailableOnPlatform(listing, today.AddDays(10)), "the push landed after the outage");
        await Eventually.TrueAsync(
            () => GetJsonAsync($"channel-connections/{id}/sync-logs?limit=100").GetAwaiter().GetResult().GetProperty("items").EnumerateArray()
                .Any(e => e.GetProperty("operation").GetString() == "ari_push" && e.GetProperty("outcome").GetString() == "succeeded"),
            "the successful push was logged");
        var logs = await GetJsonAsync($"channel-connections/{id}/sync-logs?limit=100");
        var pushes = logs.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("operation").GetString() == "ari_push").Reverse().ToList();
        Assert.Equal("failed", pushes[0].GetProperty("outcome").GetString());
        Assert.Contains("503", pushes[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("succeeded", pushes[^1].GetProperty("outcome").GetString());
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await _app.Client.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
