using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.State;

namespace ChannelManager.Adapters.Tests.Airbnb;

/// <summary>Reading a listing's calendar back for reconciliation: what was pushed, and what was changed by hand on the platform.</summary>
public sealed class AirbnbCalendarReadTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IChannelCalendarReader Reader => Assert.IsAssignableFrom<IChannelCalendarReader>(fixture.Adapter);

    [Fact]
    public async Task The_pushed_state_reads_back_night_by_night_and_a_hand_edit_shows()
    {
        var listing = TestData.NewListingId();
        var connection = TestData.Connection(listing);
        var start = new DateOnly(2030, 6, 1);
        var days = Enumerable.Range(0, 10).Select(i => new AriDay
        {
            Date = start.AddDays(i),
            AvailableUnits = i == 4 ? 0 : 1,
            Rate = 100m + i,
            MinStay = 2,
            MaxStay = 14,
            ClosedToArrival = i == 7,
        }).ToList();
        await fixture.Adapter.PushAriAsync(new AriPushRequest(connection, days), Ct);
        var edited = fixture.Simulator.State.GetDay(Platform.Airbnb, listing, start.AddDays(2))!;
        fixture.Simulator.State.SetDay(Platform.Airbnb, listing, edited with { DailyPrice = 55m });

        var read = await Reader.ReadCalendarAsync(connection, new DateRange(start, start.AddDays(10)), Ct);

        Assert.Equal(1, read.PlatformCalls);
        Assert.Equal(days.Select(d => d.Date), read.Nights.Select(n => n.Date));
        for (var i = 0; i < 10; i++)
        {
            var n = read.Nights[i];
            Assert.Equal(i != 4, n.IsBookable);
            Assert.Equal(i == 2 ? 55m : 100m + i, n.Rate);
            Assert.Equal(2, n.MinStay);
            Assert.Equal(14, n.MaxStay);
            Assert.Equal(i == 7, n.ClosedToArrival);
            Assert.Equal(false, n.ClosedToDeparture);
        }

        var call = fixture.CallsFor(listing)[^1];
        Assert.Equal("GET", call.Method);
        Assert.EndsWith($"/v2/calendars/{listing}/2030-06-01/2030-06-10", call.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_window_longer_than_one_read_is_read_in_chunks_without_gaps()
    {
        var listing = TestData.NewListingId();
        var range = new DateRange(new DateOnly(2030, 1, 1), new DateOnly(2030, 1, 1).AddDays(1500));

        var read = await Reader.ReadCalendarAsync(TestData.Connection(listing), range, Ct);

        Assert.Equal(2, read.PlatformCalls);
        Assert.Equal(range.EachNight(), read.Nights.Select(n => n.Date));
        Assert.All(read.Nights, n => Assert.True(n.IsBookable));
    }
}
