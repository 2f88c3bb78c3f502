using System.Runtime.CompilerServices;
using System.Text;
using ChannelManager.Adapters.Google.Ari;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using Microsoft.Extensions.Time.Testing;

namespace ChannelManager.Adapters.Tests.Google;

/// <summary>
/// The adapter's OTA messages, compared byte for byte with Golden/Google/*.xml (fixed clock, fixed ids). After a
/// deliberate change, run with <c>GOOGLE_UPDATE_GOLDEN=1</c> to rewrite the files, and check them again (see the
/// adapter's README).
/// </summary>
public sealed class GoogleGoldenTests(GoogleFixture fixture) : IClassFixture<GoogleFixture>
{
    private const string Hotel = "vr-golden-1";

    private static readonly DateTimeOffset Now = new(2030, 1, 15, 8, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AriDay[] Days()
    {
        var start = new DateOnly(2030, 2, 25);
        return Enumerable.Range(0, 6).Select(i => new AriDay
        {
            Date = start.AddDays(i),
            TotalUnits = 1,
            AvailableUnits = i == 2 ? 0 : 1,
            Rate = i < 3 ? 120.00m : 135.5m,
            Currency = "EUR",
            MinStay = i < 4 ? 2 : null,
            MaxStay = 14,
            ClosedToArrival = i == 1,
            ClosedToDeparture = i == 5,
        }).ToArray();
    }

    [Fact]
    public async Task Inventory_availability_and_rates_match_the_golden_files()
    {
        // Pushed through the simulator without a service account (its token endpoint checks assertions against the real clock).
        await using var scope = GoogleScope.Create(
            fixture.Simulator.GoogleBaseAddress,
            o =>
            {
                o.ServiceAccountEmail = null;
                o.ServiceAccountPrivateKey = null;
            },
            new FakeTimeProvider(Now));
        var options = fixture.Simulator.Google.Options;
        options.RequireAccessToken = false;
        try
        {
            var result = await scope.Adapter.PushAriAsync(new AriPushRequest(GoogleTestData.Connection(Hotel), Days()), Ct);
            Assert.Equal(3, result.PlatformCalls);
        }
        finally
        {
            options.RequireAccessToken = true;
        }

        var posts = fixture.Simulator.State.CallsFor(Platform.Google).Where(c => c.RequestBody.Contains("\"" + Hotel + "\"", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, posts.Length);
        Assert.All(posts, p => Assert.Equal(200, p.StatusCode));
        Compare("OTA_HotelInvCountNotifRQ.xml", posts[0].RequestBody);
        Compare("OTA_HotelAvailNotifRQ.xml", posts[1].RequestBody);
        Compare("OTA_HotelRateAmountNotifRQ.xml", posts[2].RequestBody);

        // The builder writes the same bytes for the same input.
        var limits = new GoogleAriLimits(new DateOnly(2030, 1, 14), new DateOnly(2030, 12, 11), 1000, 30);
        var built = GoogleAriMessageBuilder.Build(new GoogleAriTargetProbe().Target, Days(), AriPushScope.All, Now, GoogleTestData.PartnerKey, limits);
        Assert.Equal(posts.Select(p => p.RequestBody), built.Select(b => Encoding.UTF8.GetString(b.Body)));
    }

    private static void Compare(string name, string actual, [CallerFilePath] string source = "")
    {
        var bytes = Encoding.UTF8.GetBytes(actual);
        if (Environment.GetEnvironmentVariable("GOOGLE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(source)!, "..", "Golden", "Google", name), bytes);
            return;
        }

        var expected = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", "Google", name));
        Assert.Equal(Encoding.UTF8.GetString(expected), actual);
        Assert.Equal(expected, bytes);
    }

    private sealed class GoogleAriTargetProbe
    {
        public GoogleTarget Target { get; } = GoogleTarget.Of(GoogleTestData.Connection(Hotel), needsRatePlan: true);
    }
}
