using System.Xml.Linq;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.Tests.BookingCom;

public sealed class BookingComPushTests(BookingComFixture fixture) : IClassFixture<BookingComFixture>
{
    private static readonly XNamespace Ota = "http://www.opentravel.org/OTA/2003/05";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Twenty_nights_land_exactly_on_the_platform_with_runs_merged()
    {
        var hotel = BookingComTestData.NewHotelId();
        var start = new DateOnly(2030, 3, 1);
        var standard = new AriDay { Date = start, TotalUnits = 3, AvailableUnits = 2, Rate = 120.00m, Currency = "EUR", MinStay = 2, MaxStay = 14 };
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
                _ => day with { AvailableUnits = 1, Rate = 99.99m, MinStay = null, MaxStay = null, ClosedToDeparture = true },
            };
        }).ToArray();

        var result = await fixture.Adapter.PushAriAsync(new AriPushRequest(BookingComTestData.Connection(hotel), days), Ct);

        Assert.Equal(2, result.PlatformCalls);
        var calls = fixture.CallsFor(hotel);
        Assert.Equal(["/booking-com/hotels/ota/OTA_HotelAvailNotif", "/booking-com/hotels/ota/OTA_HotelRateAmountNotif"], calls.Select(c => c.Path));
        Assert.All(calls, c =>
        {
            Assert.Equal("POST", c.Method);
            Assert.Equal(200, c.StatusCode);
            Assert.Equal("1.1", c.RequestHeaders["Accept-Version"]);
            Assert.Equal("application/xml", c.RequestHeaders["Content-Type"]);
            Assert.StartsWith("Bearer ", c.RequestHeaders["Authorization"], StringComparison.Ordinal);
        });

        var avail = XDocument.Parse(calls[0].RequestBody);
        var messages = avail.Descendants(Ota + "AvailStatusMessage").ToArray();

        // Room level: 2 open (0-7), 0 closed (8-9), 2 open (10-14), 0 closed (15), 1 open (16-19).
        var roomLevel = messages.Where(m => m.Attribute("BookingLimit") is not null).ToArray();
        Assert.Equal(
            ["2030-03-01..2030-03-08 2 Open", "2030-03-09..2030-03-10 0 Close", "2030-03-11..2030-03-15 2 Open", "2030-03-16..2030-03-16 0 Close", "2030-03-17..2030-03-20 1 Open"],
            roomLevel.Select(Describe));
        Assert.All(roomLevel, m => Assert.Null(m.Element(Ota + "StatusApplicationControl")!.Attribute("RatePlanCode")));

        // Rate level: LOS + arrival runs (0-9, 10, 11-14, 15, 16-19) and departure runs (0-15, 16-19).
        Assert.Equal(5, messages.Count(m => m.Descendants(Ota + "LengthsOfStay").Any()));
        Assert.Equal(2, messages.Count(m => (string?)m.Element(Ota + "RestrictionStatus")?.Attribute("Restriction") == "Departure"));
        var rates = XDocument.Parse(calls[1].RequestBody).Descendants(Ota + "BaseByGuestAmt").Select(a => ((string)a.Attribute("AmountAfterTax")!, (string)a.Attribute("CurrencyCode")!)).ToArray();
        Assert.Equal([("120.00", "EUR"), ("150.50", "EUR"), ("120.00", "EUR"), ("99.99", "EUR")], rates);

        foreach (var expected in days)
        {
            var actual = fixture.Simulator.State.GetDay(Platform.BookingCom, BookingComTestData.Key(hotel), expected.Date);
            Assert.NotNull(actual);
            Assert.Equal(expected.IsBookable, actual.IsAvailable);
            Assert.Equal(expected.IsBookable ? expected.AvailableUnits : 0, actual.AvailableCount);
            Assert.Equal(expected.Rate, actual.DailyPrice);
            Assert.Equal(expected.MinStay ?? 1, actual.MinNights);
            Assert.Equal(expected.MaxStay, actual.MaxNights);
            Assert.Equal(expected.ClosedToArrival, actual.ClosedToArrival);
            Assert.Equal(expected.ClosedToDeparture, actual.ClosedToDeparture);
        }

        Assert.Equal(20, fixture.Simulator.State.GetCalendar(Platform.BookingCom, BookingComTestData.Key(hotel), start.AddDays(-5), start.AddDays(40)).Count);
    }

    [Fact]
    public async Task A_range_across_months_is_split_into_one_request_per_month()
    {
        var hotel = BookingComTestData.NewHotelId();
        var start = new DateOnly(2030, 1, 20);
        var days = Enumerable.Range(0, 45).Select(i => new AriDay { Date = start.AddDays(i), AvailableUnits = 1, Rate = 80m, MinStay = 2 }).ToArray();

        var result = await fixture.Adapter.PushAriAsync(new AriPushRequest(BookingComTestData.Connection(hotel), days), Ct);

        Assert.Equal(6, result.PlatformCalls); // January, February, March: availability + rates each
        var calls = fixture.CallsFor(hotel);
        Assert.Equal(6, calls.Count);
        Assert.All(calls, c => Assert.Equal(200, c.StatusCode));
        var controls = calls.Select(c => XDocument.Parse(c.RequestBody).Descendants(Ota + "StatusApplicationControl")
            .Select(s => $"{(string)s.Attribute("Start")!}..{(string)s.Attribute("End")!}").Distinct().Single()).ToArray();
        Assert.Equal(
            ["2030-01-20..2030-01-31", "2030-01-20..2030-01-31", "2030-02-01..2030-02-28", "2030-02-01..2030-02-28", "2030-03-01..2030-03-05", "2030-03-01..2030-03-05"],
            controls);
        Assert.All(days, d => Assert.Equal(80m, fixture.Simulator.State.GetDay(Platform.BookingCom, BookingComTestData.Key(hotel), d.Date)!.DailyPrice));
    }

    [Fact]
    public async Task The_scope_decides_which_messages_are_sent()
    {
        var hotel = BookingComTestData.NewHotelId();
        var days = Enumerable.Range(0, 3).Select(i => new AriDay { Date = new DateOnly(2030, 5, 1).AddDays(i), AvailableUnits = 1, Rate = 70m, MinStay = 4 }).ToArray();

        Assert.Equal(1, (await fixture.Adapter.PushAriAsync(new AriPushRequest(BookingComTestData.Connection(hotel), days, AriPushScope.Rates), Ct)).PlatformCalls);
        Assert.Equal(1, (await fixture.Adapter.PushAriAsync(new AriPushRequest(BookingComTestData.Connection(hotel, ratePlanId: null), days, AriPushScope.Availability), Ct)).PlatformCalls);
        Assert.Equal(1, (await fixture.Adapter.PushAriAsync(new AriPushRequest(BookingComTestData.Connection(hotel), days, AriPushScope.Restrictions), Ct)).PlatformCalls);

        var calls = fixture.CallsFor(hotel);
        Assert.Equal(["/booking-com/hotels/ota/OTA_HotelRateAmountNotif", "/booking-com/hotels/ota/OTA_HotelAvailNotif", "/booking-com/hotels/ota/OTA_HotelAvailNotif"], calls.Select(c => c.Path));
        Assert.DoesNotContain("LengthsOfStay", calls[1].RequestBody, StringComparison.Ordinal);
        Assert.DoesNotContain("BookingLimit", calls[2].RequestBody, StringComparison.Ordinal);
        var day = fixture.Simulator.State.GetDay(Platform.BookingCom, BookingComTestData.Key(hotel), days[0].Date)!;
        Assert.Equal((70m, 1, 4), (day.DailyPrice!.Value, day.AvailableCount!.Value, day.MinNights!.Value));
    }

    [Fact]
    public async Task Missing_mapping_is_a_validation_error_and_nothing_is_sent()
    {
        var hotel = BookingComTestData.NewHotelId();
        var days = new[] { new AriDay { Date = new DateOnly(2030, 6, 1), AvailableUnits = 1, Rate = 50m } };

        var noRoom = await Assert.ThrowsAsync<ChannelManagerValidationException>(() => fixture.Adapter.PushAriAsync(new AriPushRequest(BookingComTestData.Connection(hotel, roomId: null), days), Ct));
        Assert.Contains("platform_listing_id", noRoom.Errors.Keys);
        Assert.Contains("{hotel id}:{room id}", noRoom.Errors["platform_listing_id"][0], StringComparison.Ordinal);
        var otherRoom = await Assert.ThrowsAsync<ChannelManagerValidationException>(() => fixture.Adapter.PushAriAsync(new AriPushRequest(BookingComTestData.Connection(hotel, metadataRoomId: "42"), days), Ct));
        Assert.Equal(["platform_metadata.room_id"], otherRoom.Errors.Keys);
        var noRate = await Assert.ThrowsAsync<ChannelManagerValidationException>(() => fixture.Adapter.PushAriAsync(new AriPushRequest(BookingComTestData.Connection(hotel, ratePlanId: null), days), Ct));
        Assert.Contains("platform_metadata.rate_plan_id", noRate.Errors.Keys);
        var noCurrency = await Assert.ThrowsAsync<ChannelManagerValidationException>(() => fixture.Adapter.PushAriAsync(new AriPushRequest(BookingComTestData.Connection(hotel, currency: null), days), Ct));
        Assert.Contains("platform_metadata.currency", noCurrency.Errors.Keys);
        var badHotel = await Assert.ThrowsAsync<ChannelManagerValidationException>(() => fixture.Adapter.PushAriAsync(new AriPushRequest(BookingComTestData.Connection("hotel-x"), days), Ct));
        Assert.Contains("platform_listing_id", badHotel.Errors.Keys);

        Assert.Empty(fixture.CallsFor(hotel));
    }

    [Fact]
    public async Task The_calendar_reads_back_what_was_pushed_in_chunks_of_31_days()
    {
        var hotel = BookingComTestData.NewHotelId();
        var start = new DateOnly(2030, 7, 1);
        var days = Enumerable.Range(0, 40).Select(i => new AriDay { Date = start.AddDays(i), AvailableUnits = 2, Rate = 100m + i, MinStay = 2, MaxStay = 10, ClosedToArrival = i == 3, StopSell = i == 5 }).ToArray();
        await fixture.Adapter.PushAriAsync(new AriPushRequest(BookingComTestData.Connection(hotel), days), Ct);

        var read = await fixture.Scope.Reader.ReadCalendarAsync(BookingComTestData.Connection(hotel), new DateRange(start, start.AddDays(40)), Ct);

        Assert.Equal(2, read.PlatformCalls);
        Assert.Equal(40, read.Nights.Count);
        foreach (var (expected, night) in days.Zip(read.Nights))
        {
            Assert.Equal(expected.Date, night.Date);
            Assert.Equal(expected.IsBookable, night.IsBookable);
            Assert.Equal(expected.IsBookable ? 2 : null, night.AvailableUnits);
            Assert.Equal(expected.Rate, night.Rate);
            Assert.Equal(2, night.MinStay);
            Assert.Equal(10, night.MaxStay);
            Assert.Equal(expected.ClosedToArrival, night.ClosedToArrival);
            Assert.False(night.ClosedToDeparture);
        }
    }

    private static string Describe(XElement message)
    {
        var control = message.Element(Ota + "StatusApplicationControl")!;
        return $"{(string)control.Attribute("Start")!}..{(string)control.Attribute("End")!} {(string)message.Attribute("BookingLimit")!} {(string)message.Element(Ota + "RestrictionStatus")!.Attribute("Status")!}";
    }
}
