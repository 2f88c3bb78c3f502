using System.Text;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Sync;
using ChannelManager.Events;
using ChannelManager.Inventory;

namespace ChannelManager.Engine.Tests;

/// <summary>
/// Rate and availability updates carry versions: handled in any order (concurrent consumers, redelivery), the
/// newest wins on the ledger and on the platform; weekday filters and min stay through reach the ledger.
/// </summary>
public sealed class VersionedUpdatesTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EventEnvelope Envelope(Guid property, PmsEvent payload, long version = 0, DateTimeOffset? at = null) => new()
    {
        EventId = Guid.CreateVersion7(), TenantId = "t", PropertyId = property, OccurredAt = at ?? DateTimeOffset.UtcNow, Version = version, Payload = payload,
    };

    private static async Task<(EngineHost Host, RecordingAdapter Adapter, Guid Property)> StartAsync()
    {
        var adapter = new RecordingAdapter();
        var host = await EngineHost.StartAsync(null, adapter);
        var property = Guid.NewGuid();
        await host.Get<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "L", AccessToken = "x" }, Ct);
        await Eventually.TrueAsync(() => adapter.IsOpen("L", Today.AddDays(499)), "the initial push reached the platform");
        return (host, adapter, property);
    }

    [Fact]
    public async Task Price_updates_handled_newest_first_leave_the_newest_price_on_ledger_and_platform()
    {
        var (host, adapter, property) = await StartAsync();
        await using var _ = host;
        var engine = host.Get<SyncEngine>();
        var nights = (From: Today.AddDays(10), To: Today.AddDays(13));

        await engine.HandleAsync(Envelope(property, new PricingUpdated { From = nights.From, To = nights.To, Rate = 200m, Currency = "EUR" }, version: 2), Ct);
        await engine.HandleAsync(Envelope(property, new PricingUpdated { From = nights.From, To = nights.To, Rate = 100m, Currency = "EUR" }, version: 1), Ct);

        var ari = await host.Get<IInventoryLedger>().GetAriAsync("t", property, new DateRange(nights.From, nights.To), Ct);
        Assert.All(ari, d => Assert.Equal(200m, d.Rate));
        await Eventually.TrueAsync(() => Enumerable.Range(10, 3).All(i => adapter.Calendar.TryGetValue(("L", Today.AddDays(i)), out var d) && d.Rate == 200m), "the platform has the newest price");
        await Task.Delay(200, Ct);
        Assert.All(Enumerable.Range(10, 3), i => Assert.Equal(200m, adapter.Calendar[("L", Today.AddDays(i))].Rate));
    }

    [Fact]
    public async Task Unversioned_updates_are_ordered_by_when_they_were_published()
    {
        var (host, _, property) = await StartAsync();
        await using var __ = host;
        var engine = host.Get<SyncEngine>();
        var t0 = DateTimeOffset.UtcNow;
        var range = new DateRange(Today.AddDays(20), Today.AddDays(22));

        // Published first a stop-sell, then its lifting, but handled the other way round.
        await engine.HandleAsync(Envelope(property, new AvailabilityUpdated { From = range.Start, To = range.End, StopSell = false }, at: t0.AddMilliseconds(1)), Ct);
        await engine.HandleAsync(Envelope(property, new AvailabilityUpdated { From = range.Start, To = range.End, StopSell = true }, at: t0), Ct);

        var ari = await host.Get<IInventoryLedger>().GetAriAsync("t", property, range, Ct);
        Assert.All(ari, d => Assert.True(d.IsBookable));
        Assert.Equal(7, SyncEngine.AriVersion(Envelope(property, new PricingUpdated { From = range.Start, To = range.End, Rate = 1, Currency = "EUR" }, version: 7)));
    }

    [Fact]
    public async Task Weekday_filters_and_min_stay_through_travel_on_the_wire_and_reach_the_ledger()
    {
        var (host, _, property) = await StartAsync();
        await using var __ = host;
        var monday = Today.AddDays(30 + (((int)DayOfWeek.Monday - (int)Today.AddDays(30).DayOfWeek + 7) % 7));
        var json = $$"""
            {"event_id":"{{Guid.CreateVersion7()}}","tenant_id":"t","property_id":"{{property}}","occurred_at":"{{DateTimeOffset.UtcNow:O}}","type":"availability.updated",
             "payload":{"from":"{{monday:yyyy-MM-dd}}","to":"{{monday.AddDays(7):yyyy-MM-dd}}","min_stay_through":3,"weekdays":["friday","saturday"]} }
            """;
        var envelope = EventEnvelopeSerializer.Deserialize(Encoding.UTF8.GetBytes(json));
        var payload = Assert.IsType<AvailabilityUpdated>(envelope.Payload);
        Assert.Equal([DayOfWeek.Friday, DayOfWeek.Saturday], payload.Weekdays);
        Assert.Contains("\"weekdays\":[\"friday\",\"saturday\"]", Encoding.UTF8.GetString(EventEnvelopeSerializer.Serialize(envelope)), StringComparison.Ordinal);

        await host.Get<SyncEngine>().HandleAsync(envelope, Ct);
        var ari = await host.Get<IInventoryLedger>().GetAriAsync("t", property, new DateRange(monday, monday.AddDays(7)), Ct);
        Assert.Equal([null, null, null, null, 3, 3, null], ari.Select(d => d.MinStayThrough));
    }

    [Theory]
    [InlineData("""{"from":"2030-01-01","to":"2030-01-05","rate":10,"currency":"EUR","weekdays":[]}""", "pricing.updated", "payload.weekdays")]
    [InlineData("""{"from":"2030-01-01","to":"2030-01-05","min_stay_through":0}""", "availability.updated", "payload.min_stay_through")]
    public void Bad_weekday_filters_and_min_stay_through_are_rejected_by_name(string payload, string type, string field)
    {
        var json = $$"""{"event_id":"{{Guid.CreateVersion7()}}","tenant_id":"t","property_id":"{{Guid.NewGuid()}}","occurred_at":"2030-01-01T00:00:00Z","type":"{{type}}","payload":{{payload}}}""";
        var errors = EventService.Validate(EventEnvelopeSerializer.Deserialize(Encoding.UTF8.GetBytes(json)));
        Assert.True(errors.HasErrors);
        Assert.Contains(field, errors.ToDictionary().Keys);
    }
}
