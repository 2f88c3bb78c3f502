using System.Globalization;
using System.Text.Json;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.State;

namespace ChannelManager.Adapters.Tests.Airbnb;

public sealed class AirbnbPushTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Thirty_nights_land_exactly_on_the_platform_with_runs_merged_into_few_operations()
    {
        var listing = TestData.NewListingId();
        var start = new DateOnly(2030, 3, 1);
        var standard = new AriDay { Date = start, AvailableUnits = 1, Rate = 120.00m, Currency = "EUR", MinStay = 2, MaxStay = 14 };
        var days = new List<AriDay>();
        for (var i = 0; i < 30; i++)
        {
            var day = standard with { Date = start.AddDays(i) };
            day = i switch
            {
                < 10 => day,                                                                     // A
                < 12 => day with { StopSell = true },                                            // B: closed by the host
                12 => day with { Rate = 150.50m, MinStay = 3, ClosedToArrival = true },          // C1
                < 20 => day with { Rate = 150.50m, MinStay = 3 },                                // C2
                < 25 => day,                                                                     // A again
                25 => day with { AvailableUnits = 0 },                                           // D: sold out
                _ => day with { Rate = 99.99m, MinStay = 1, MaxStay = null, ClosedToDeparture = true }, // E
            };
            days.Add(day);
        }

        var result = await fixture.Adapter.PushAriAsync(new AriPushRequest(TestData.Connection(listing), days), Ct);

        Assert.Equal(1, result.PlatformCalls);
        var call = Assert.Single(fixture.CallsFor(listing));
        Assert.Equal("POST", call.Method);
        Assert.Equal("/airbnb/v2/calendar_operations", call.Path);
        Assert.Equal(200, call.StatusCode);

        using var body = JsonDocument.Parse(call.RequestBody);
        Assert.Equal(long.Parse(listing, CultureInfo.InvariantCulture), body.RootElement.GetProperty("listing_id").GetInt64());
        var operations = body.RootElement.GetProperty("operations").EnumerateArray().ToArray();
        Assert.Equal(6, operations.Length); // A, B, C1, C2, D, E: one per distinct state
        Assert.Equal(
            ["2030-03-01:2030-03-10", "2030-03-21:2030-03-25"],
            operations[0].GetProperty("dates").EnumerateArray().Select(d => d.GetString()!).ToArray());
        Assert.Equal(7, operations.Sum(o => o.GetProperty("dates").GetArrayLength()));

        foreach (var expected in days)
        {
            var actual = fixture.Simulator.State.GetDay(Platform.Airbnb, listing, expected.Date);
            Assert.NotNull(actual);
            Assert.Equal(expected.IsBookable, actual.IsAvailable);
            Assert.Equal(expected.IsBookable ? null : "BLOCKED_BY_HOST", actual.BusySubtype);
            Assert.Equal(expected.Rate, actual.DailyPrice);
            Assert.Equal(expected.AvailableUnits, actual.AvailableCount);
            Assert.Equal(expected.MinStay, actual.MinNights);
            Assert.Equal(expected.MaxStay, actual.MaxNights);
            Assert.Equal(expected.ClosedToArrival, actual.ClosedToArrival);
            Assert.Equal(expected.ClosedToDeparture, actual.ClosedToDeparture);
            Assert.Null(actual.ReservationCode);
        }

        Assert.Equal(30, fixture.Simulator.State.GetCalendar(Platform.Airbnb, listing, start.AddDays(-5), start.AddDays(40)).Count);
    }

    [Fact]
    public async Task Operations_are_batched_by_MaxOperationsPerCall()
    {
        var listing = TestData.NewListingId();
        await using var scope = AdapterScope.Create(fixture.Simulator.AirbnbBaseAddress, o => o.MaxOperationsPerCall = 2);
        var start = new DateOnly(2030, 4, 1);
        var days = Enumerable.Range(0, 5).Select(i => new AriDay { Date = start.AddDays(i), AvailableUnits = 1, Rate = 100m + i }).ToArray();

        var result = await scope.Adapter.PushAriAsync(new AriPushRequest(TestData.Connection(listing), days), Ct);

        Assert.Equal(3, result.PlatformCalls);
        var calls = fixture.CallsFor(listing);
        Assert.Equal(3, calls.Count);
        Assert.Equal([2, 2, 1], calls.Select(c => JsonDocument.Parse(c.RequestBody).RootElement.GetProperty("operations").GetArrayLength()).ToArray());
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(100m + i, fixture.Simulator.State.GetDay(Platform.Airbnb, listing, start.AddDays(i))!.DailyPrice);
        }
    }

    [Fact]
    public async Task The_exclusive_end_becomes_an_inclusive_last_night_and_the_check_out_day_is_untouched()
    {
        var listing = TestData.NewListingId();
        var state = fixture.Simulator.State;
        var marker = new SimulatedDay { Date = default, DailyPrice = 999m, AvailableCount = 7 };
        state.SetDay(Platform.Airbnb, listing, marker with { Date = new DateOnly(2030, 5, 9) });
        state.SetDay(Platform.Airbnb, listing, marker with { Date = new DateOnly(2030, 5, 13) });
        state.SetDay(Platform.Airbnb, listing, marker with { Date = new DateOnly(2030, 5, 31) });
        state.SetDay(Platform.Airbnb, listing, marker with { Date = new DateOnly(2030, 6, 2) });

        var stay = new DateRange(new DateOnly(2030, 5, 10), new DateOnly(2030, 5, 13)); // three nights: 10, 11, 12
        var days = stay.EachNight().Select(d => new AriDay { Date = d, AvailableUnits = 1, Rate = 80m }).ToList();
        days.Add(new AriDay { Date = new DateOnly(2030, 6, 1), AvailableUnits = 0, Rate = 80m }); // a single night on its own

        await fixture.Adapter.PushAriAsync(new AriPushRequest(TestData.Connection(listing), days, AriPushScope.Rates), Ct);

        var call = Assert.Single(fixture.CallsFor(listing));
        var dates = JsonDocument.Parse(call.RequestBody).RootElement.GetProperty("operations")[0].GetProperty("dates")
            .EnumerateArray().Select(d => d.GetString()).ToArray();
        Assert.Equal(["2030-05-10:2030-05-12", "2030-06-01"], dates);
        foreach (var night in stay.EachNight().Append(new DateOnly(2030, 6, 1)))
        {
            Assert.Equal(80m, state.GetDay(Platform.Airbnb, listing, night)!.DailyPrice);
        }

        Assert.Equal(999m, state.GetDay(Platform.Airbnb, listing, new DateOnly(2030, 5, 9))!.DailyPrice);
        Assert.Equal(999m, state.GetDay(Platform.Airbnb, listing, stay.End)!.DailyPrice);
        Assert.Equal(999m, state.GetDay(Platform.Airbnb, listing, new DateOnly(2030, 5, 31))!.DailyPrice);
        Assert.Equal(999m, state.GetDay(Platform.Airbnb, listing, new DateOnly(2030, 6, 2))!.DailyPrice);
    }

    [Fact]
    public async Task A_rates_only_push_sends_only_prices_and_leaves_availability_alone()
    {
        var listing = TestData.NewListingId();
        var night = new DateOnly(2030, 8, 1);
        fixture.Simulator.State.SetDay(Platform.Airbnb, listing, new SimulatedDay { Date = night, IsAvailable = false, BusySubtype = "OUTSIDE_RESERVATION", MinNights = 5 });

        await fixture.Adapter.PushAriAsync(
            new AriPushRequest(TestData.Connection(listing), [new AriDay { Date = night, AvailableUnits = 1, Rate = 210.25m, MinStay = 2 }], AriPushScope.Rates),
            Ct);

        var operation = JsonDocument.Parse(Assert.Single(fixture.CallsFor(listing)).RequestBody).RootElement.GetProperty("operations")[0];
        Assert.Equal(["dates", "daily_price"], operation.EnumerateObject().Select(p => p.Name).ToArray());
        var day = fixture.Simulator.State.GetDay(Platform.Airbnb, listing, night)!;
        Assert.False(day.IsAvailable);
        Assert.Equal("OUTSIDE_RESERVATION", day.BusySubtype);
        Assert.Equal(210.25m, day.DailyPrice);
        Assert.Equal(5, day.MinNights);
    }

    [Fact]
    public async Task Prices_are_sent_with_invariant_decimals_whatever_the_current_culture()
    {
        var listing = TestData.NewListingId();
        var night = new DateOnly(2030, 9, 1);
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            await fixture.Adapter.PushAriAsync(
                new AriPushRequest(TestData.Connection(listing), [new AriDay { Date = night, AvailableUnits = 1, Rate = 1234.56m }]),
                Ct);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Contains("\"daily_price\":1234.56", Assert.Single(fixture.CallsFor(listing)).RequestBody, StringComparison.Ordinal);
        Assert.Equal(1234.56m, fixture.Simulator.State.GetDay(Platform.Airbnb, listing, night)!.DailyPrice);
    }

    [Fact]
    public async Task Nothing_to_push_makes_no_call()
    {
        var listing = TestData.NewListingId();
        var connection = TestData.Connection(listing);

        var empty = await fixture.Adapter.PushAriAsync(new AriPushRequest(connection, []), Ct);
        var noScope = await fixture.Adapter.PushAriAsync(
            new AriPushRequest(connection, [new AriDay { Date = new DateOnly(2030, 1, 1), AvailableUnits = 1 }], AriPushScope.None),
            Ct);
        var noRates = await fixture.Adapter.PushAriAsync(
            new AriPushRequest(connection, [new AriDay { Date = new DateOnly(2030, 1, 1), AvailableUnits = 1, Rate = null }], AriPushScope.Rates),
            Ct);

        Assert.Equal(0, empty.PlatformCalls + noScope.PlatformCalls + noRates.PlatformCalls);
        Assert.Empty(fixture.CallsFor(listing));
    }

    [Fact]
    public async Task The_push_sends_the_partner_headers()
    {
        var listing = TestData.NewListingId();
        var connection = TestData.Connection(listing);

        await fixture.Adapter.PushAriAsync(new AriPushRequest(connection, [new AriDay { Date = new DateOnly(2030, 2, 1), AvailableUnits = 1 }]), Ct);

        var headers = Assert.Single(fixture.CallsFor(listing)).RequestHeaders;
        Assert.Equal(TestData.ClientId, headers["X-Airbnb-API-Key"]);
        Assert.Equal(connection.Credentials.AccessToken, headers["X-Airbnb-OAuth-Token"]);
        Assert.Equal("2025.06.30", headers["X-AIRBNB-REQ-API-VERSION"]);
    }

    [Fact]
    public async Task Pushing_the_same_state_twice_converges_to_the_same_calendar()
    {
        var listing = TestData.NewListingId();
        var start = new DateOnly(2030, 10, 1);
        var days = Enumerable.Range(0, 10).Select(i => new AriDay { Date = start.AddDays(i), AvailableUnits = i % 3 == 0 ? 0 : 1, Rate = 90m }).ToArray();
        var request = new AriPushRequest(TestData.Connection(listing), days);

        await fixture.Adapter.PushAriAsync(request, Ct);
        var first = fixture.Simulator.State.GetCalendar(Platform.Airbnb, listing, start, start.AddDays(10));
        await fixture.Adapter.PushAriAsync(request, Ct);
        var second = fixture.Simulator.State.GetCalendar(Platform.Airbnb, listing, start, start.AddDays(10));

        Assert.Equal(first, second);
        Assert.Equal(10, second.Count);
    }
}
