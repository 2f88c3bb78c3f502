using System.Xml.Linq;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.State;
using ChannelManager.Testing;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Adapters.Tests.Expedia;

public sealed class ExpediaPushTests(ExpediaFixture fixture) : IClassFixture<ExpediaFixture>
{
    private static readonly XNamespace Ar = "http://www.expediaconnect.com/EQC/AR/2011/06";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_push_lands_exactly_the_intended_calendar_with_equal_nights_merged()
    {
        var hotel = ExpediaTestData.NewHotelId();
        var start = Today.AddDays(20);
        var days = Enumerable.Range(0, 10).Select(i => new AriDay
        {
            Date = start.AddDays(i),
            TotalUnits = 3,
            AvailableUnits = i == 4 ? 0 : 3,
            StopSell = i == 7,
            Rate = i < 5 ? 99.95m : 120.5m,
            Currency = "EUR",
            MinStay = i < 3 ? 2 : null,
            MaxStay = i < 3 ? 14 : null,
            ClosedToArrival = i == 1,
            ClosedToDeparture = i == 8,
        }).ToArray();

        var result = await fixture.Adapter.PushAriAsync(new AriPushRequest(ExpediaTestData.Connection(hotel), days), Ct);

        Assert.Equal(1, result.PlatformCalls);
        var call = Assert.Single(fixture.CallsFor(hotel));
        Assert.Equal("/expedia/eqc/ar", call.Path);
        Assert.StartsWith("text/xml", call.RequestHeaders["Content-Type"], StringComparison.Ordinal);
        var body = XDocument.Parse(call.RequestBody);
        Assert.Equal(Ar + "AvailRateUpdateRQ", body.Root!.Name);

        // Runs: [0] [1 CTA] [2] [3] [4 sold out] [5,6] [7 stop-sell] [8 CTD] [9].
        var ranges = body.Descendants(Ar + "DateRange").Select(r => ((string)r.Attribute("from")!, (string)r.Attribute("to")!)).ToArray();
        Assert.Equal(9, ranges.Length);
        Assert.Contains((Iso(start.AddDays(5)), Iso(start.AddDays(6))), ranges);

        foreach (var day in days)
        {
            var stored = fixture.Simulator.State.GetDay(Platform.Expedia, ExpediaTestData.Key(hotel), day.Date);
            Assert.Equal(
                new SimulatedDay
                {
                    Date = day.Date,
                    IsAvailable = day.IsBookable,
                    AvailableCount = day.IsBookable ? day.AvailableUnits : 0,
                    DailyPrice = day.Rate,
                    MinNights = day.MinStay ?? 1,
                    MaxNights = day.MaxStay ?? 28,
                    ClosedToArrival = day.ClosedToArrival,
                    ClosedToDeparture = day.ClosedToDeparture,
                },
                stored);
        }

        Assert.Null(fixture.Simulator.State.GetDay(Platform.Expedia, ExpediaTestData.Key(hotel), start.AddDays(10)));
        Assert.Equal(ExpediaTestData.RatePlanId, fixture.Simulator.State.Expedia.RatePlanOf(ExpediaTestData.Key(hotel)));
    }

    [Fact]
    public async Task Scopes_send_only_their_part_and_leave_the_rest_as_it_was()
    {
        var hotel = ExpediaTestData.NewHotelId();
        var night = Today.AddDays(40);
        var connection = ExpediaTestData.Connection(hotel, ratePlanId: null);
        await fixture.Adapter.PushAriAsync(new AriPushRequest(connection, [new AriDay { Date = night, AvailableUnits = 2, Rate = 80m }], AriPushScope.Availability), Ct);

        var call = Assert.Single(fixture.CallsFor(hotel));
        Assert.DoesNotContain("RatePlan", call.RequestBody, StringComparison.Ordinal);
        var stored = fixture.Simulator.State.GetDay(Platform.Expedia, ExpediaTestData.Key(hotel), night)!;
        Assert.Equal(2, stored.AvailableCount);
        Assert.Null(stored.DailyPrice);

        var error = await Assert.ThrowsAsync<ChannelManager.Common.ChannelManagerValidationException>(
            () => fixture.Adapter.PushAriAsync(new AriPushRequest(connection, [new AriDay { Date = night, AvailableUnits = 2, Rate = 80m }], AriPushScope.Rates), Ct));
        Assert.Contains("platform_metadata." + ChannelManager.Adapters.Expedia.ExpediaMetadataKeys.RatePlanId, error.Errors.Keys);
    }

    [Fact]
    public async Task A_push_is_split_at_the_update_limit_and_stops_two_years_ahead()
    {
        await using var scope = ExpediaScope.Create(fixture.Simulator.ExpediaBaseAddress, o => o.MaxUpdatesPerMessage = 5);
        var hotel = ExpediaTestData.NewHotelId();
        var start = Today.AddYears(2).AddDays(-11);
        var days = Enumerable.Range(0, 15).Select(i => new AriDay { Date = start.AddDays(i), AvailableUnits = 1, Rate = i < 8 ? 100m : 110m, Currency = "EUR" }).ToArray();

        var result = await scope.Adapter.PushAriAsync(new AriPushRequest(ExpediaTestData.Connection(hotel), days), Ct);

        // Nights start .. start+11 (2 years ahead) are 12 updates: 5 + 5 + 2; the last 3 nights are left out.
        Assert.Equal(3, result.PlatformCalls);
        var calls = fixture.CallsFor(hotel);
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.Equal(200, c.StatusCode));
        var updates = calls.Select(c => XDocument.Parse(c.RequestBody).Descendants(Ar + "DateRange")
            .Sum(r => DateOnly.Parse((string)r.Attribute("to")!, System.Globalization.CultureInfo.InvariantCulture).DayNumber - DateOnly.Parse((string)r.Attribute("from")!, System.Globalization.CultureInfo.InvariantCulture).DayNumber + 1)).ToArray();
        Assert.Equal([5, 5, 2], updates);
        Assert.Equal(110m, fixture.Simulator.State.GetDay(Platform.Expedia, ExpediaTestData.Key(hotel), Today.AddYears(2))!.DailyPrice);
        Assert.Null(fixture.Simulator.State.GetDay(Platform.Expedia, ExpediaTestData.Key(hotel), Today.AddYears(2).AddDays(1)));
    }

    [Fact]
    public async Task A_rate_out_of_threshold_is_skipped_with_a_warning_and_the_rest_applies()
    {
        var hotel = ExpediaTestData.NewHotelId();
        var night = Today.AddDays(50);
        var days = new[]
        {
            new AriDay { Date = night, AvailableUnits = 1, Rate = 90m, Currency = "EUR" },
            new AriDay { Date = night.AddDays(1), AvailableUnits = 1, Rate = 99_999m, Currency = "EUR" },
        };

        var result = await fixture.Adapter.PushAriAsync(new AriPushRequest(ExpediaTestData.Connection(hotel), days, AriPushScope.Rates), Ct);

        Assert.Equal(1, result.PlatformCalls);
        Assert.Equal(90m, fixture.Simulator.State.GetDay(Platform.Expedia, ExpediaTestData.Key(hotel), night)!.DailyPrice);
        Assert.Null(fixture.Simulator.State.GetDay(Platform.Expedia, ExpediaTestData.Key(hotel), night.AddDays(1))?.DailyPrice);
    }

    [Fact]
    public async Task Each_warning_is_recorded_with_its_code_and_the_updates_it_skipped_while_the_rest_applies()
    {
        var hotel = ExpediaTestData.NewHotelId();
        var night = Today.AddDays(60);
        var days = new[]
        {
            new AriDay { Date = night, AvailableUnits = 1, Rate = 99_999m, Currency = "EUR" },
            new AriDay { Date = night.AddDays(1), AvailableUnits = 1, Rate = 95m, Currency = "EUR" },
            new AriDay { Date = night.AddDays(2), AvailableUnits = 1, Rate = 88_888m, Currency = "EUR" },
        };
        var logs = new CapturingLoggerProvider();
        await using var scope = ExpediaScope.Create(fixture.Simulator.ExpediaBaseAddress, logs: logs);

        var result = await scope.Adapter.PushAriAsync(new AriPushRequest(ExpediaTestData.Connection(hotel), days), Ct);

        // A partial success is a success: nothing to retry, the good night applied, each skipped update named once.
        Assert.Equal(1, result.PlatformCalls);
        Assert.Equal(95m, fixture.Simulator.State.GetDay(Platform.Expedia, ExpediaTestData.Key(hotel), night.AddDays(1))!.DailyPrice);
        Assert.Null(fixture.Simulator.State.GetDay(Platform.Expedia, ExpediaTestData.Key(hotel), night)?.DailyPrice);
        Assert.Null(fixture.Simulator.State.GetDay(Platform.Expedia, ExpediaTestData.Key(hotel), night.AddDays(2))?.DailyPrice);
        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Text.Contains("[7013]", StringComparison.Ordinal)).Select(e => e.Text).ToArray();
        Assert.Equal(2, warnings.Length);
        Assert.Contains(warnings, w => w.Contains(Iso(night), StringComparison.Ordinal) && w.Contains("AvailRateUpdate", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains(Iso(night.AddDays(2)), StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Text.Contains(ExpediaTestData.Password, StringComparison.Ordinal));
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
