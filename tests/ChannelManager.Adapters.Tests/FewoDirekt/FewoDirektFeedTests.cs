using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.Tests.FewoDirekt;

/// <summary>The partner-hosted feeds Vrbo pulls, read over HTTP the way Vrbo reads them.</summary>
public sealed class FewoDirektFeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => FewoDirektTestData.Today;

    [Fact]
    public async Task Every_feed_document_matches_its_golden_file_for_a_known_ledger_state()
    {
        await using var host = await FewoFeedHost.StartAsync(o =>
        {
            o.FeedDays = 6;
            o.PublicFeedBaseUrl = new Uri("https://cm.example.com/fewo-direkt");
        });
        var connection = await host.AddAsync(FewoDirektTestData.Connection("golden-listing-1", "golden-advertiser", unitId: "golden-unit-1"));
        for (var i = 0; i < 6; i++)
        {
            host.Ledger.Set(connection.TenantId, connection.PropertyId, new AriDay
            {
                Date = Today.AddDays(i),
                AvailableUnits = i == 2 ? 0 : 1,
                Rate = i < 3 ? 120.00m : 135.5m,
                Currency = i == 5 ? null : "EUR", // the connection's currency fills in
                MinStay = i < 4 ? 2 : null,
                MaxStay = 14,
                ClosedToArrival = i == 1,
                ClosedToDeparture = i is 4 or 5,
            });
        }

        const string Adv = "fewo-direkt/advertisers/golden-advertiser";
        await CompareAsync(host, "fewo-direkt/advertisers", "advertisers.xml");
        await CompareAsync(host, Adv + "/listings", "listingContentIndex.xml");
        await CompareAsync(host, Adv + "/lodging-configurations", "lodgingConfigurationContentIndex.xml");
        await CompareAsync(host, Adv + "/lodging-rates", "lodgingRateContentIndex.xml");
        await CompareAsync(host, Adv + "/unit-availabilities", "unitAvailabilityContentIndex.xml");
        await CompareAsync(host, Adv + "/listings/golden-listing-1", "listing.xml");
        await CompareAsync(host, Adv + "/listings/golden-listing-1/units/golden-unit-1/lodging-configuration", "lodgingConfigurationContent.xml");
        await CompareAsync(host, Adv + "/listings/golden-listing-1/units/golden-unit-1/lodging-rate", "lodgingRateContent.xml");
        await CompareAsync(host, Adv + "/listings/golden-listing-1/units/golden-unit-1/availability", "unitAvailabilityContent.xml");
    }

    [Fact]
    public async Task The_feeds_refuse_calls_without_or_with_wrong_basic_credentials()
    {
        await using var host = await FewoFeedHost.StartAsync();
        await host.AddAsync(FewoDirektTestData.Connection("auth-listing"));
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        foreach (var path in new[] { "fewo-direkt/advertisers", "fewo-direkt/advertisers/adv-1/unit-availabilities", "fewo-direkt/advertisers/adv-1/listings/auth-listing/units/auth-listing/availability" })
        {
            using var none = await anonymous.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.StartsWith("Basic realm=", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

            foreach (var wrong in new[] { FewoDirektTestData.Basic(password: "feed-password-0123456780"), FewoDirektTestData.Basic(user: "someone"), new AuthenticationHeaderValue("Bearer", "x"), new AuthenticationHeaderValue("Basic", "%%%") })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = wrong } };
                using var answer = await anonymous.SendAsync(request, Ct);
                Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
                Assert.DoesNotContain(FewoDirektTestData.FeedPassword, await answer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }

            using var right = await host.Client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            Assert.Equal("application/xml", right.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task An_unchanged_document_answers_304_to_its_etag_and_a_changed_one_200()
    {
        await using var host = await FewoFeedHost.StartAsync();
        var connection = await host.AddAsync(FewoDirektTestData.Connection("etag-listing"));
        const string Path = "fewo-direkt/advertisers/adv-1/listings/etag-listing/units/etag-listing/availability";
        using var first = await host.Client.GetAsync(Path, Ct);
        var etag = first.Headers.ETag!;
        Assert.True(first.Content.Headers.LastModified.HasValue);

        using var again = new HttpRequestMessage(HttpMethod.Get, Path) { Headers = { IfNoneMatch = { etag } } };
        using var notModified = await host.Client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        host.Ledger.Close(connection.TenantId, connection.PropertyId, Today.AddDays(3), Today.AddDays(5));
        using var changed = new HttpRequestMessage(HttpMethod.Get, Path) { Headers = { IfNoneMatch = { etag } } };
        using var modified = await host.Client.SendAsync(changed, Ct);
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
        Assert.NotEqual(etag, modified.Headers.ETag);
    }

    [Fact]
    public async Task LastUpdatedDate_moves_exactly_when_the_content_changes()
    {
        await using var host = await FewoFeedHost.StartAsync();
        var connection = await host.AddAsync(FewoDirektTestData.Connection("moving-listing"));
        var t0 = await LastUpdatedAsync(host, "unit-availabilities", "unitAvailability");
        var r0 = await LastUpdatedAsync(host, "lodging-rates", "lodgingRate");
        Assert.Equal(FewoDirektTestData.Now, t0);

        host.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(t0, await LastUpdatedAsync(host, "unit-availabilities", "unitAvailability"));

        host.Ledger.Close(connection.TenantId, connection.PropertyId, Today.AddDays(10), Today.AddDays(12));
        host.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(FewoDirektTestData.Now.AddMinutes(20), await LastUpdatedAsync(host, "unit-availabilities", "unitAvailability"));
        Assert.Equal(r0, await LastUpdatedAsync(host, "lodging-rates", "lodgingRate"));

        host.Ledger.Set(connection.TenantId, connection.PropertyId, new AriDay { Date = Today.AddDays(20), AvailableUnits = 1, Rate = 99.90m, Currency = "EUR" });
        host.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(FewoDirektTestData.Now.AddMinutes(30), await LastUpdatedAsync(host, "lodging-rates", "lodgingRate"));
        Assert.Equal(FewoDirektTestData.Now.AddMinutes(20), await LastUpdatedAsync(host, "unit-availabilities", "unitAvailability"));
    }

    [Fact]
    public async Task Content_holds_only_its_own_connections_property_and_an_advertiser_belongs_to_one_tenant()
    {
        await using var host = await FewoFeedHost.StartAsync();
        var a = await host.AddAsync(FewoDirektTestData.Connection("listing-a", "adv-a", tenantId: "tenant-a"));
        var b = await host.AddAsync(FewoDirektTestData.Connection("listing-b", "adv-b", tenantId: "tenant-b", propertyId: a.PropertyId));
        var intruder = await host.AddAsync(FewoDirektTestData.Connection("listing-c", "adv-a", tenantId: "tenant-b", createdAt: FewoDirektTestData.Now));
        host.Ledger.Close("tenant-a", a.PropertyId, Today.AddDays(2), Today.AddDays(4));
        host.Ledger.Set("tenant-a", a.PropertyId, new AriDay { Date = Today, AvailableUnits = 1, Rate = 500m, Currency = "EUR" });

        var contentA = await host.Client.GetStringAsync("fewo-direkt/advertisers/adv-a/listings/listing-a/units/listing-a/availability", Ct);
        Assert.Equal("YYNNY", Availability(contentA)[..5]);

        // Tenant B's listing shares the property id but not the tenant: none of tenant A's nights or rates show.
        var contentB = await host.Client.GetStringAsync("fewo-direkt/advertisers/adv-b/listings/listing-b/units/listing-b/availability", Ct);
        Assert.DoesNotContain('N', Availability(contentB));
        var ratesB = await host.Client.GetStringAsync("fewo-direkt/advertisers/adv-b/listings/listing-b/units/listing-b/lodging-rate", Ct);
        Assert.DoesNotContain("500", ratesB, StringComparison.Ordinal);
        Assert.DoesNotContain("listing-a", contentB + ratesB, StringComparison.Ordinal);

        // A listing is not served under another advertiser's path.
        using var crossed = await host.Client.GetAsync("fewo-direkt/advertisers/adv-b/listings/listing-a/units/listing-a/availability", Ct);
        Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);
        using var unknown = await host.Client.GetAsync("fewo-direkt/advertisers/adv-x/unit-availabilities", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // Tenant B's later connection claiming tenant A's advertiser is left out of that advertiser's index and tests unhealthy.
        var indexA = await host.Client.GetStringAsync("fewo-direkt/advertisers/adv-a/unit-availabilities", Ct);
        Assert.Contains("listing-a", indexA, StringComparison.Ordinal);
        Assert.DoesNotContain("listing-c", indexA, StringComparison.Ordinal);
        Assert.DoesNotContain("listing-b", indexA, StringComparison.Ordinal);
        var advertisers = XDocument.Parse(await host.Client.GetStringAsync("fewo-direkt/advertisers", Ct));
        Assert.Equal(["adv-a", "adv-b"], advertisers.Descendants("assignedId").Select(e => e.Value));
        Assert.False((await host.Adapter.TestConnectionAsync(intruder, Ct)).Healthy);
        Assert.True((await host.Adapter.TestConnectionAsync(a, Ct)).Healthy);
        Assert.True((await host.Adapter.TestConnectionAsync(b, Ct)).Healthy);
    }

    [Fact]
    public async Task Push_makes_no_call_and_fetch_returns_nothing_and_a_rate_without_currency_tests_unhealthy()
    {
        await using var host = await FewoFeedHost.StartAsync();
        var connection = await host.AddAsync(FewoDirektTestData.Connection("quiet-listing", currency: null));
        var days = new[] { new AriDay { Date = Today, AvailableUnits = 1, Rate = 80m } };
        Assert.Equal(0, (await host.Adapter.PushAriAsync(new AriPushRequest(connection, days), Ct)).PlatformCalls);
        Assert.Empty(await host.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct));

        host.Ledger.Set(connection.TenantId, connection.PropertyId, days[0]);
        var test = await host.Adapter.TestConnectionAsync(connection, Ct);
        Assert.False(test.Healthy);
        Assert.Contains("currency", test.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("80", await host.Client.GetStringAsync("fewo-direkt/advertisers/adv-1/listings/quiet-listing/units/quiet-listing/lodging-rate", Ct), StringComparison.Ordinal);

        var unset = FewoDirektTestData.Connection("no-advertiser", advertiserId: null);
        Assert.False((await host.Adapter.TestConnectionAsync(unset, Ct)).Healthy);
        await Assert.ThrowsAsync<ChannelManager.Common.ChannelManagerValidationException>(() => host.Adapter.PushAriAsync(new AriPushRequest(unset, days), Ct));
    }

    private static string Availability(string content) => XDocument.Parse(content).Descendants("availability").Single().Value;

    private static async Task<DateTimeOffset> LastUpdatedAsync(FewoFeedHost host, string index, string stem)
    {
        var document = XDocument.Parse(await host.Client.GetStringAsync("fewo-direkt/advertisers/adv-1/" + index, Ct));
        return DateTimeOffset.Parse(document.Descendants(stem + "ContentIndexEntry").Single().Element("lastUpdatedDate")!.Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task CompareAsync(FewoFeedHost host, string path, string golden)
    {
        using var answer = await host.Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        FewoGolden.Compare(golden, await answer.Content.ReadAsByteArrayAsync(Ct));
    }
}

/// <summary>Golden files under Golden/FewoDirekt, checked byte for byte; <c>FEWODIREKT_UPDATE_GOLDEN=1</c> rewrites them.</summary>
internal static class FewoGolden
{
    public static void Compare(string name, byte[] actual, [CallerFilePath] string source = "")
    {
        if (Environment.GetEnvironmentVariable("FEWODIREKT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(source)!, "..", "Golden", "FewoDirekt", name), actual);
            return;
        }

        var expected = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", "FewoDirekt", name));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(actual));
        Assert.Equal(expected, actual);
    }
}
