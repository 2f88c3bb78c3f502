using System.Runtime.CompilerServices;
using System.Text;
using ChannelManager.Adapters.BookingCom.Reservations;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator.BookingCom;
using Microsoft.Extensions.Time.Testing;

namespace ChannelManager.Adapters.Tests.BookingCom;

/// <summary>
/// The adapter's OTA messages, compared byte for byte with Golden/BookingCom/*.xml (fixed clock, fixed ids). After a
/// deliberate change, run with <c>BOOKINGCOM_UPDATE_GOLDEN=1</c> to rewrite the files, and validate them against the
/// OTA 2015A schemas (see the adapter's README).
/// </summary>
public sealed class BookingComGoldenTests(BookingComFixture fixture) : IClassFixture<BookingComFixture>
{
    private const string Hotel = "1234567";

    private static readonly DateTimeOffset Now = new(2030, 1, 15, 8, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Availability_rates_and_acknowledgement_match_the_golden_files()
    {
        await using var scope = BookingComScope.Create(fixture.Simulator.BookingComBaseAddress, timeProvider: new FakeTimeProvider(Now));
        var start = new DateOnly(2030, 2, 25);
        var days = Enumerable.Range(0, 6).Select(i => new AriDay
        {
            Date = start.AddDays(i),
            TotalUnits = 2,
            AvailableUnits = i == 2 ? 0 : 2,
            Rate = i < 3 ? 120.00m : 135.5m,
            Currency = "EUR",
            MinStay = i < 4 ? 2 : null,
            MaxStay = 14,
            ClosedToArrival = i == 1,
            ClosedToDeparture = i == 5,
        }).ToArray();

        await scope.Adapter.PushAriAsync(new AriPushRequest(BookingComTestData.Connection(Hotel), days), Ct);
        fixture.Simulator.State.BookingCom.Create(new BookingComReservationRequest
        {
            HotelId = Hotel,
            RoomId = BookingComTestData.RoomId,
            Arrival = new DateOnly(2030, 3, 1),
            Departure = new DateOnly(2030, 3, 3),
            ReservationId = "4000000001",
        });
        var pulled = await scope.Adapter.FetchReservationsAsync(BookingComTestData.Connection(Hotel), new ReservationFetchRequest(), Ct);
        await scope.Acknowledger.AcknowledgeReservationsAsync(BookingComTestData.Connection(Hotel), pulled, Ct);

        var posts = fixture.Simulator.State.CallsFor(Platform.BookingCom).Where(c => c.Method == "POST" && c.RequestBody.Contains("\"" + Hotel + "\"", StringComparison.Ordinal)).ToArray();
        Assert.Equal(5, posts.Length);
        Compare("OTA_HotelAvailNotifRQ-2030-02.xml", posts[0].RequestBody);
        Compare("OTA_HotelRateAmountNotifRQ-2030-02.xml", posts[1].RequestBody);
        Compare("OTA_HotelAvailNotifRQ-2030-03.xml", posts[2].RequestBody);
        Compare("OTA_HotelRateAmountNotifRQ-2030-03.xml", posts[3].RequestBody);
        Compare("OTA_HotelResNotifRS.xml", posts[4].RequestBody);

        // The recorded body is what the adapter wrote: the writer's own bytes are the same.
        Assert.Equal(
            Encoding.UTF8.GetString(OtaAcknowledgementWriter.Write(ReservationQueue.New, Hotel, ["4000000001"], Now, "Production")),
            posts[4].RequestBody);
    }

    private static void Compare(string name, string actual, [CallerFilePath] string source = "")
    {
        var bytes = Encoding.UTF8.GetBytes(actual);
        if (Environment.GetEnvironmentVariable("BOOKINGCOM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(source)!, "..", "Golden", "BookingCom", name), bytes);
            return;
        }

        var expected = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", "BookingCom", name));
        Assert.Equal(Encoding.UTF8.GetString(expected), actual);
        Assert.Equal(expected, bytes);
    }
}
