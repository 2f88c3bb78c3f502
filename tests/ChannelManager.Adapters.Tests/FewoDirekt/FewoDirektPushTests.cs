using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.FewoDirekt;

namespace ChannelManager.Adapters.Tests.FewoDirekt;

public sealed class FewoDirektPushTests(FewoDirektFixture fixture) : IClassFixture<FewoDirektFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AriDay[] Days(DateOnly start, int count) => Enumerable.Range(0, count).Select(i => new AriDay
    {
        Date = start.AddDays(i),
        AvailableUnits = i % 5 == 2 ? 0 : 1,
        StopSell = i == 7,
        Rate = i < 4 ? 120.00m : i < 9 ? 135.50m : 99.99m,
        Currency = "EUR",
        MinStay = i < 3 ? 3 : i == 3 ? null : 2,
        MaxStay = i % 2 == 0 ? 14 : null,
        ClosedToArrival = i % 4 == 1,
        ClosedToDeparture = i % 3 == 1,
    }).ToArray();

    [Fact]
    public async Task A_push_lands_exactly_the_intended_calendar_in_two_calls()
    {
        var listing = FewoDirektTestData.NewListingId();
        var days = Days(new DateOnly(2030, 5, 28), 12);

        var result = await fixture.Adapter.PushAriAsync(new AriPushRequest(FewoDirektTestData.Connection(listing), days), Ct);

        Assert.Equal(2, result.PlatformCalls);
        foreach (var expected in days)
        {
            var day = fixture.Simulator.State.GetDay(Platform.FewoDirekt, listing, expected.Date);
            Assert.NotNull(day);
            Assert.Equal(expected.IsBookable, day.IsAvailable);
            Assert.Equal(expected.Rate, day.DailyPrice);
            Assert.Equal(expected.MinStay, day.MinNights);
            Assert.Equal(expected.MaxStay, day.MaxNights);
            Assert.Equal(expected.ClosedToArrival, day.ClosedToArrival);
            Assert.Equal(expected.ClosedToDeparture, day.ClosedToDeparture);
        }

        Assert.Null(fixture.Simulator.State.GetDay(Platform.FewoDirekt, listing, days[^1].Date.AddDays(1)));
        Assert.Null(fixture.Simulator.State.GetDay(Platform.FewoDirekt, listing, days[0].Date.AddDays(-1)));

        // Runs of equal rates share one nightlyRate range: 3 ranges for 12 nights.
        var rates = fixture.CallsFor(listing).Single(c => c.PathAndQuery.EndsWith("/rates", StringComparison.Ordinal));
        Assert.Equal("PUT", rates.Method);
        Assert.Equal(3, CountOf(rates.RequestBody, "<nightlyRate>"));
        Assert.Contains("<amount currency=\"EUR\">135.50</amount>", rates.RequestBody, StringComparison.Ordinal);
        Assert.StartsWith("Basic ", rates.RequestHeaders["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scopes_send_only_their_parts_and_leave_the_rest()
    {
        var listing = FewoDirektTestData.NewListingId();
        var start = new DateOnly(2030, 6, 10);
        await fixture.Adapter.PushAriAsync(new AriPushRequest(FewoDirektTestData.Connection(listing), Days(start, 5)), Ct);
        var before = fixture.Simulator.State.GetDay(Platform.FewoDirekt, listing, start)!;

        var rateOnly = Days(start, 5).Select(d => d with { Rate = 200m, AvailableUnits = 0, MinStay = 9 }).ToArray();
        var result = await fixture.Adapter.PushAriAsync(new AriPushRequest(FewoDirektTestData.Connection(listing), rateOnly, AriPushScope.Rates), Ct);

        Assert.Equal(1, result.PlatformCalls);
        var after = fixture.Simulator.State.GetDay(Platform.FewoDirekt, listing, start)!;
        Assert.Equal(200m, after.DailyPrice);
        Assert.Equal(before.IsAvailable, after.IsAvailable);
        Assert.Equal(before.MinNights, after.MinNights);

        var closeOnly = await fixture.Adapter.PushAriAsync(new AriPushRequest(FewoDirektTestData.Connection(listing), rateOnly, AriPushScope.Availability), Ct);
        Assert.Equal(1, closeOnly.PlatformCalls);
        Assert.False(fixture.Simulator.State.GetDay(Platform.FewoDirekt, listing, start)!.IsAvailable);
        Assert.Equal(before.MinNights, fixture.Simulator.State.GetDay(Platform.FewoDirekt, listing, start)!.MinNights);
        Assert.DoesNotContain("<minStay>", fixture.CallsFor(listing)[^1].RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_pushes_are_split_at_366_days_and_read_back_equal()
    {
        var listing = FewoDirektTestData.NewListingId();
        var start = new DateOnly(2031, 1, 1);
        var days = Enumerable.Range(0, 400).Select(i => new AriDay
        {
            Date = start.AddDays(i),
            AvailableUnits = i % 7 == 0 ? 0 : 1,
            Rate = 100m + (i / 30),
            MinStay = i % 10 == 0 ? 4 : null,
            MaxStay = 28,
            ClosedToArrival = i % 6 == 0,
        }).ToArray();

        var result = await fixture.Adapter.PushAriAsync(new AriPushRequest(FewoDirektTestData.Connection(listing), days), Ct);
        Assert.Equal(4, result.PlatformCalls);

        var read = await fixture.Scope.Reader.ReadCalendarAsync(FewoDirektTestData.Connection(listing), new DateRange(start, start.AddDays(400)), Ct);
        Assert.Equal(4, read.PlatformCalls);
        Assert.Equal(400, read.Nights.Count);
        foreach (var (night, expected) in read.Nights.Zip(days))
        {
            Assert.Equal(expected.Date, night.Date);
            Assert.Equal(expected.IsBookable, night.IsBookable);
            Assert.Equal(expected.Rate, night.Rate);
            Assert.Equal(expected.MinStay, night.MinStay);
            Assert.Equal(expected.MaxStay, night.MaxStay);
            Assert.Equal(expected.ClosedToArrival, night.ClosedToArrival);
            Assert.Equal(expected.ClosedToDeparture, night.ClosedToDeparture);
        }
    }

    [Fact]
    public async Task A_booked_night_stays_closed_when_a_push_opens_it()
    {
        var listing = FewoDirektTestData.NewListingId();
        var start = new DateOnly(2030, 8, 1);
        fixture.Simulator.State.FewoDirekt.Create(new FewoDirektReservationRequest { ListingId = listing, BeginDate = start, EndDate = start.AddDays(2) });

        await fixture.Adapter.PushAriAsync(new AriPushRequest(FewoDirektTestData.Connection(listing), Days(start, 3).Select(d => d with { AvailableUnits = 1, StopSell = false }).ToArray()), Ct);

        Assert.False(fixture.Simulator.State.GetDay(Platform.FewoDirekt, listing, start)!.IsAvailable);
        Assert.True(fixture.Simulator.State.GetDay(Platform.FewoDirekt, listing, start.AddDays(2))!.IsAvailable);
    }

    [Fact]
    public async Task A_rate_without_currency_is_refused_before_any_call()
    {
        var listing = FewoDirektTestData.NewListingId();
        var days = new[] { new AriDay { Date = new DateOnly(2030, 9, 1), AvailableUnits = 1, Rate = 80m } };

        var ex = await Assert.ThrowsAsync<PlatformCallException>(() => fixture.Adapter.PushAriAsync(new AriPushRequest(FewoDirektTestData.Connection(listing, currency: null), days, AriPushScope.Rates), Ct));

        Assert.False(ex.IsTransient);
        Assert.Empty(fixture.CallsFor(listing));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
