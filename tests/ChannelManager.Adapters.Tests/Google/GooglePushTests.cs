using System.Xml.Linq;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.Tests.Google;

public sealed class GooglePushTests(GoogleFixture fixture) : IClassFixture<GoogleFixture>
{
    private static readonly XNamespace Ota = "http://www.opentravel.org/OTA/2003/05";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Twenty_nights_land_exactly_on_the_platform_with_runs_merged()
    {
        var hotel = GoogleTestData.NewHotelCode();
        var start = Today.AddDays(20);
        var standard = new AriDay { Date = start, TotalUnits = 1, AvailableUnits = 1, Rate = 120.00m, Currency = "EUR", MinStay = 2, MaxStay = 14 };
        var days = Enumerable.Range(0, 20).Select(i =>
        {
            var day = standard with { Date = start.AddDays(i) };
            return i switch
            {
                < 8 => day,
                < 10 => day with { StopSell = true },
                10 => day with { Rate = 150.50m, MinStay = 3, ClosedToArrival = true },
                < 15 => day with { Rate = 150.50m, MinStay = 3 },
                15 => day with { AvailableUnits = 0 },
                _ => day with { Rate = 99.99m, MinStay = null, MaxStay = null, ClosedToDeparture = true },
            };
        }).ToArray();

        var result = await fixture.Adapter.PushAriAsync(new AriPushRequest(GoogleTestData.Connection(hotel), days), Ct);

        Assert.Equal(3, result.PlatformCalls);
        var calls = fixture.CallsFor(hotel);
        Assert.Equal(["/google/ota/hotel_inv_count_notif", "/google/ota/hotel_avail_notif", "/google/ota/hotel_rate_amount_notif"], calls.Select(c => c.Path));
        Assert.All(calls, c =>
        {
            Assert.Equal("POST", c.Method);
            Assert.Equal(200, c.StatusCode);
            Assert.Equal("application/xml", c.RequestHeaders["Content-Type"]);
            Assert.StartsWith("Bearer ya29.", c.RequestHeaders["Authorization"], StringComparison.Ordinal);
            Assert.Equal(GoogleTestData.PartnerKey, (string?)XDocument.Parse(c.RequestBody).Descendants(Ota + "RequestorID").Single().Attribute("ID"));
        });

        // Inventory: 1 (0-7), 0 (8-9), 1 (10-14), 0 (15), 1 (16-19).
        var inventories = XDocument.Parse(calls[0].RequestBody).Descendants(Ota + "Inventory").Select(Describe).ToArray();
        Assert.Equal(5, inventories.Length);
        Assert.Equal($"{start.AddDays(8):yyyy-MM-dd}..{start.AddDays(9):yyyy-MM-dd}", inventories[1]);

        var messages = XDocument.Parse(calls[1].RequestBody).Descendants(Ota + "AvailStatusMessage").ToArray();
        Assert.Equal(5, messages.Count(m => m.Element(Ota + "StatusApplicationControl")!.Attribute("RatePlanCode") is null));
        Assert.Equal(5, messages.Count(m => m.Element(Ota + "LengthsOfStay") is not null));
        Assert.Equal(2, messages.Count(m => (string?)m.Element(Ota + "RestrictionStatus")?.Attribute("Restriction") == "Departure"));
        var rates = XDocument.Parse(calls[2].RequestBody).Descendants(Ota + "BaseByGuestAmt").Select(a => ((string)a.Attribute("AmountBeforeTax")!, (string)a.Attribute("CurrencyCode")!)).ToArray();
        Assert.Equal([("120.00", "EUR"), ("150.50", "EUR"), ("120.00", "EUR"), ("99.99", "EUR")], rates);

        foreach (var expected in days)
        {
            var actual = fixture.Simulator.State.GetDay(Platform.Google, hotel, expected.Date);
            Assert.NotNull(actual);
            Assert.Equal(expected.IsBookable, actual.IsAvailable);
            Assert.Equal(expected.IsBookable ? expected.AvailableUnits : 0, actual.AvailableCount);
            Assert.Equal(expected.Rate, actual.DailyPrice);
            Assert.Equal(expected.MinStay ?? 1, actual.MinNights);
            Assert.Equal(expected.MaxStay ?? 30, actual.MaxNights);
            Assert.Equal(expected.ClosedToArrival, actual.ClosedToArrival);
            Assert.Equal(expected.ClosedToDeparture, actual.ClosedToDeparture);
        }

        Assert.Equal(20, fixture.Simulator.State.GetCalendar(Platform.Google, hotel, start.AddDays(-5), start.AddDays(40)).Count);
    }

    [Fact]
    public async Task Only_the_requested_scope_is_pushed_and_nothing_outside_the_booking_window()
    {
        var hotel = GoogleTestData.NewHotelCode();
        var days = new[] { Today.AddDays(-3), Today.AddDays(5), Today.AddDays(330), Today.AddDays(331) }
            .Select(d => new AriDay { Date = d, AvailableUnits = 1, Rate = 80m, Currency = "EUR", MinStay = 40, MaxStay = 90 })
            .ToArray();

        var result = await fixture.Adapter.PushAriAsync(new AriPushRequest(GoogleTestData.Connection(hotel), days, AriPushScope.Rates | AriPushScope.Restrictions), Ct);

        Assert.Equal(2, result.PlatformCalls);
        Assert.Equal(["/google/ota/hotel_avail_notif", "/google/ota/hotel_rate_amount_notif"], fixture.CallsFor(hotel).Select(c => c.Path));
        Assert.Null(fixture.Simulator.State.GetDay(Platform.Google, hotel, Today.AddDays(-3)));
        Assert.Null(fixture.Simulator.State.GetDay(Platform.Google, hotel, Today.AddDays(331)));
        var last = fixture.Simulator.State.GetDay(Platform.Google, hotel, Today.AddDays(330));
        Assert.NotNull(last);
        Assert.Equal(80m, last.DailyPrice);
        Assert.Equal(30, last.MinNights);
        Assert.Equal(30, last.MaxNights);
        Assert.Null(last.AvailableCount);
    }

    [Fact]
    public async Task Large_pushes_are_split_by_MaxMessagesPerRequest()
    {
        await using var scope = GoogleScope.Create(fixture.Simulator.GoogleBaseAddress, o => o.MaxMessagesPerRequest = 4);
        var hotel = GoogleTestData.NewHotelCode();
        var days = Enumerable.Range(0, 10).Select(i => new AriDay { Date = Today.AddDays(10 + i), AvailableUnits = i % 2, Rate = 100m + i, Currency = "USD" }).ToArray();

        var result = await scope.Adapter.PushAriAsync(new AriPushRequest(GoogleTestData.Connection(hotel), days, AriPushScope.Availability | AriPushScope.Rates), Ct);

        // 10 inventory runs -> 3 requests, 10 open/close runs -> 3, 10 rates -> 3.
        Assert.Equal(9, result.PlatformCalls);
        for (var i = 0; i < 10; i++)
        {
            var day = fixture.Simulator.State.GetDay(Platform.Google, hotel, Today.AddDays(10 + i))!;
            Assert.Equal(i % 2 == 1, day.IsAvailable);
            Assert.Equal(100m + i, day.DailyPrice);
        }
    }

    [Fact]
    public async Task A_connection_without_package_or_currency_is_refused_before_any_call()
    {
        var hotel = GoogleTestData.NewHotelCode();
        var day = new AriDay { Date = Today.AddDays(3), AvailableUnits = 1, Rate = 10m };
        var noPackage = await Assert.ThrowsAsync<ChannelManagerValidationException>(() =>
            fixture.Adapter.PushAriAsync(new AriPushRequest(GoogleTestData.Connection(hotel, ratePlanId: null), [day]), Ct));
        Assert.Contains("platform_metadata.rate_plan_id", noPackage.Errors.Keys);
        var noCurrency = await Assert.ThrowsAsync<ChannelManagerValidationException>(() =>
            fixture.Adapter.PushAriAsync(new AriPushRequest(GoogleTestData.Connection(hotel, currency: null), [day]), Ct));
        Assert.Contains("platform_metadata.currency", noCurrency.Errors.Keys);
        Assert.Empty(fixture.CallsFor(hotel));

        // Availability alone needs neither.
        await fixture.Adapter.PushAriAsync(new AriPushRequest(GoogleTestData.Connection(hotel, ratePlanId: null, currency: null), [day], AriPushScope.Availability), Ct);
        Assert.Equal(1, fixture.Simulator.State.GetDay(Platform.Google, hotel, day.Date)!.AvailableCount);
    }

    [Fact]
    public async Task Google_delivers_no_reservations()
    {
        var hotel = GoogleTestData.NewHotelCode();
        var reservations = await fixture.Adapter.FetchReservationsAsync(GoogleTestData.Connection(hotel), new ReservationFetchRequest(), Ct);
        Assert.Empty(reservations);
        Assert.Empty(fixture.CallsFor(hotel));
    }

    private static string Describe(XElement message)
    {
        var control = message.Element(Ota + "StatusApplicationControl")!;
        return $"{(string)control.Attribute("Start")!}..{(string)control.Attribute("End")!}";
    }
}
