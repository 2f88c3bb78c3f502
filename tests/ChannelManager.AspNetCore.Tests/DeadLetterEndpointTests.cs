using System.Net;
using System.Text.Json;
using ChannelManager.Events;

namespace ChannelManager.AspNetCore.Tests;

public sealed class DeadLetterEndpointTests(ChannelManagerApp app) : IClassFixture<ChannelManagerApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_poison_event_is_listed_as_a_dead_letter_and_can_be_replayed()
    {
        // An event the engine cannot apply (its range is empty), put on the bus directly as a buggy publisher would.
        var poison = new EventEnvelope
        {
            EventId = Guid.NewGuid(), TenantId = "default", PropertyId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow,
            Payload = new PricingUpdated { From = new DateOnly(2030, 1, 5), To = new DateOnly(2030, 1, 5), Rate = 10m, Currency = "EUR" },
        };
        await app.Get<IEventBus>().PublishAsync(poison, Ct);

        JsonElement letter = default;
        await Eventually.TrueAsync(
            () =>
            {
                var items = JsonDocument.Parse(app.Client.GetStringAsync("dead-letters", Ct).GetAwaiter().GetResult()).RootElement.GetProperty("items");
                letter = items.EnumerateArray().FirstOrDefault(i => i.GetProperty("event_id").GetGuid() == poison.EventId);
                return letter.ValueKind == JsonValueKind.Object;
            },
            "the poison event was dead-lettered",
            timeoutMs: 30_000);
        Assert.Equal("pricing.updated", letter.GetProperty("type").GetString());
        Assert.True(letter.GetProperty("deliveries").GetInt32() >= 1);
        Assert.Contains("end", letter.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);

        var id = letter.GetProperty("id").GetString();
        var replay = await app.Client.PostAsync($"dead-letters/{id}/replay", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        bool Listed() => JsonDocument.Parse(app.Client.GetStringAsync("dead-letters", Ct).GetAwaiter().GetResult()).RootElement
            .GetProperty("items").EnumerateArray().Any(i => i.GetProperty("event_id").GetGuid() == poison.EventId);
        Assert.False(Listed(), "a replayed letter leaves the dead letters");
        await Problem.AssertAsync(await app.Client.PostAsync($"dead-letters/{id}/replay", null, Ct), HttpStatusCode.NotFound);
        await Eventually.TrueAsync(Listed, "the replayed event failed again and came back", timeoutMs: 30_000);

        await Problem.AssertAsync(await app.Client.PostAsync("dead-letters/no-such-letter/replay", null, Ct), HttpStatusCode.NotFound);
        await Problem.AssertFieldsAsync(await app.Client.GetAsync("dead-letters?limit=0", Ct), "limit");
    }
}
