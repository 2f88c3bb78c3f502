using System.Runtime.CompilerServices;
using System.Text;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator;
using ChannelManager.Simulator.Expedia;
using Microsoft.Extensions.Time.Testing;

namespace ChannelManager.Adapters.Tests.Expedia;

/// <summary>
/// The adapter's EQC messages, compared byte for byte with Golden/Expedia/*.xml (fixed clock, fixed ids). After a
/// deliberate change, run with <c>EXPEDIA_UPDATE_GOLDEN=1</c> to rewrite the files.
/// </summary>
public sealed class ExpediaGoldenTests
{
    private const string Hotel = "1234567";

    private static readonly DateTimeOffset Now = new(2030, 1, 15, 8, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Avail_rates_retrieval_and_confirmation_match_the_golden_files()
    {
        var clock = new FakeTimeProvider(Now);
        await using var simulator = await PlatformSimulator.StartAsync(
            new PlatformSimulatorOptions { TimeProvider = clock, Expedia = { Username = ExpediaTestData.Username, Password = ExpediaTestData.Password } },
            Ct);
        await using var scope = ExpediaScope.Create(simulator.ExpediaBaseAddress, timeProvider: clock);
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
        var connection = ExpediaTestData.Connection(Hotel);

        await scope.Adapter.PushAriAsync(new AriPushRequest(connection, days), Ct);
        simulator.State.Expedia.Create(new ExpediaReservationRequest
        {
            HotelId = Hotel,
            RoomTypeId = ExpediaTestData.RoomTypeId,
            Arrival = new DateOnly(2030, 3, 1),
            Departure = new DateOnly(2030, 3, 3),
            BookingId = "987654321",
        });
        var pulled = await scope.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct);
        Assert.Single(pulled);
        await scope.Acknowledger.AcknowledgeReservationsAsync(connection, pulled, Ct);

        var calls = simulator.State.CallsFor(Platform.Expedia);
        Assert.Equal(["/expedia/eqc/ar", "/expedia/eqc/br", "/expedia/eqc/bc"], calls.Select(c => c.Path));
        Assert.All(calls, c => Assert.Equal(200, c.StatusCode));
        Compare("AvailRateUpdateRQ.xml", calls[0].RequestBody);
        Compare("BookingRetrievalRQ.xml", calls[1].RequestBody);
        Compare("BookingConfirmRQ.xml", calls[2].RequestBody);
    }

    private static void Compare(string name, string actual, [CallerFilePath] string source = "")
    {
        var bytes = Encoding.UTF8.GetBytes(actual);
        if (Environment.GetEnvironmentVariable("EXPEDIA_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(source)!, "..", "Golden", "Expedia", name), bytes);
            return;
        }

        var expected = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", "Expedia", name));
        Assert.Equal(Encoding.UTF8.GetString(expected), actual);
        Assert.Equal(expected, bytes);
    }
}
