using System.Runtime.CompilerServices;
using System.Text;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.Tests.Airbnb;

/// <summary>
/// The adapter's <c>POST /v2/calendar_operations</c> body, compared byte for byte with
/// Golden/Airbnb/calendar_operations.json. After a deliberate change, run with <c>AIRBNB_UPDATE_GOLDEN=1</c> to
/// rewrite the file.
/// </summary>
public sealed class AirbnbGoldenTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private const string Listing = "700000042";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calendar_operations_match_the_golden_file()
    {
        var start = new DateOnly(2030, 5, 1);
        var days = Enumerable.Range(0, 8).Select(i => new AriDay
        {
            Date = start.AddDays(i),
            AvailableUnits = i is 3 or 4 ? 0 : 1,
            Rate = i < 5 ? 120.00m : 99.50m,
            Currency = "EUR",
            MinStay = 2,
            MaxStay = i < 6 ? 14 : null,
            ClosedToArrival = i == 6,
        }).ToArray();

        await fixture.Adapter.PushAriAsync(new AriPushRequest(TestData.Connection(Listing), days), Ct);

        var call = Assert.Single(fixture.CallsFor(Listing), c => c.Path.EndsWith("/calendar_operations", StringComparison.Ordinal));
        Compare("calendar_operations.json", call.RequestBody);
    }

    private static void Compare(string name, string actual, [CallerFilePath] string source = "")
    {
        var bytes = Encoding.UTF8.GetBytes(actual);
        if (Environment.GetEnvironmentVariable("AIRBNB_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(source)!, "..", "Golden", "Airbnb", name), bytes);
            return;
        }

        var expected = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", "Airbnb", name));
        Assert.Equal(Encoding.UTF8.GetString(expected), actual);
        Assert.Equal(expected, bytes);
    }
}
