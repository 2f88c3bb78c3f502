using System.Runtime.CompilerServices;
using System.Text;
using ChannelManager.Adapters.FewoDirekt.Reservations;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using Microsoft.Extensions.Time.Testing;

namespace ChannelManager.Adapters.Tests.FewoDirekt;

/// <summary>
/// The adapter's documents, compared byte for byte with Golden/FewoDirekt/*.xml (fixed clock, fixed ids). After a
/// deliberate change, run with <c>FEWODIREKT_UPDATE_GOLDEN=1</c> to rewrite the files.
/// </summary>
public sealed class FewoDirektGoldenTests(FewoDirektFixture fixture) : IClassFixture<FewoDirektFixture>
{
    private const string Listing = "golden-listing-1";

    private static readonly DateTimeOffset Now = new(2030, 1, 15, 8, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Availability_rates_and_booking_index_request_match_the_golden_files()
    {
        await using var scope = FewoDirektScope.Create(fixture.Simulator.FewoDirektBaseAddress, timeProvider: new FakeTimeProvider(Now));
        var start = new DateOnly(2030, 2, 25);
        var days = Enumerable.Range(0, 6).Select(i => new AriDay
        {
            Date = start.AddDays(i),
            AvailableUnits = i == 2 ? 0 : 1,
            Rate = i < 3 ? 120.00m : 135.5m,
            Currency = "EUR",
            MinStay = i < 4 ? 2 : null,
            MaxStay = 14,
            ClosedToArrival = i == 1,
            ClosedToDeparture = i is 4 or 5,
        }).ToArray();
        var connection = FewoDirektTestData.Connection(Listing, advertiserId: "golden-advertiser", unitId: "golden-unit-1");

        await scope.Adapter.PushAriAsync(new AriPushRequest(connection, days), Ct);
        await scope.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct);

        var calls = fixture.Simulator.State.CallsFor(Platform.FewoDirekt).Where(c => c.RequestBody.Contains("golden-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, calls.Length);
        Compare("unitAvailabilityContent.xml", calls[0].RequestBody);
        Compare("lodgingRateContent.xml", calls[1].RequestBody);
        Compare("bookingContentIndexRequest.xml", calls[2].RequestBody);
        Assert.Equal(Encoding.UTF8.GetString(FewoBookingParser.IndexRequest("golden-advertiser", Now - TimeSpan.FromDays(30))), calls[2].RequestBody);
    }

    private static void Compare(string name, string actual, [CallerFilePath] string source = "")
    {
        var bytes = Encoding.UTF8.GetBytes(actual);
        if (Environment.GetEnvironmentVariable("FEWODIREKT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(source)!, "..", "Golden", "FewoDirekt", name), bytes);
            return;
        }

        var expected = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", "FewoDirekt", name));
        Assert.Equal(Encoding.UTF8.GetString(expected), actual);
        Assert.Equal(expected, bytes);
    }
}
