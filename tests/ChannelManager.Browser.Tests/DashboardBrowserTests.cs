using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace ChannelManager.Browser.Tests;

/// <summary>
/// The dashboard as an operator uses it, in Debian's headless Chromium driven by Playwright, against the sample host on a
/// real Kestrel port with its platform simulator: sign in with a tenant's API key, create a connection through the
/// page's form, publish a booking through the sample PMS, and watch the connection's sync log and last sync change on
/// the page without a reload (server-sent events). A screenshot is saved under <c>artifacts/</c> next to the test
/// binaries and attached to the test result.
/// </summary>
public sealed class DashboardBrowserTests : SampleHostBrowserTest
{
    private const string ApiKey = SampleHostOnKestrel.ApiKey;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_operator_creates_a_connection_and_sees_a_booking_sync_arrive_live()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await SampleHostOnKestrel.LaunchChromiumAsync(playwright);
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var requests = new List<string>();
        var consoleErrors = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                consoleErrors.Add(m.Text);
            }
        };

        // Sign in: the page asks for the key and opens the live stream.
        await page.GotoAsync(new Uri(Host.BaseAddress, "/dashboard").ToString());
        await page.GetByLabel("API key").FillAsync(ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open dashboard" }).ClickAsync();
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("Live");
        await Assertions.Expect(page.Locator("#tenant")).ToHaveTextAsync("Tenant: default");

        // Create a connection through the form.
        var property = Guid.NewGuid();
        const string listing = "airbnb_listing_browser_1";
        await page.GetByText("Create a connection").ClickAsync();
        await page.GetByLabel("Property id").FillAsync(property.ToString());
        await page.GetByLabel("Platform").SelectOptionAsync("airbnb");
        await page.GetByLabel("Listing id").FillAsync(listing);
        await page.GetByLabel("Access token").FillAsync("browser-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create connection" }).ClickAsync();
        await Assertions.Expect(page.Locator("#create-result")).ToContainTextAsync("Created connection");
        var row = page.Locator("#connections tr", new() { HasText = listing });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        var connectionId = await row.GetAttributeAsync("data-connection-id");
        Assert.True(Guid.TryParse(connectionId, out _), connectionId);

        // The initial push arrives live: a sync-log row and the connection's last sync.
        var logRows = page.Locator($"#sync-logs tr[data-connection-id='{connectionId}']");
        await Assertions.Expect(logRows.Filter(new() { HasText = "connection.created" })).Not.ToHaveCountAsync(0);
        var lastSync = row.Locator("td.last-sync time");
        await Assertions.Expect(lastSync).ToHaveCountAsync(1);
        var syncedBefore = await lastSync.GetAttributeAsync("title");
        await Assertions.Expect(row.Locator("td.status")).ToHaveTextAsync("active");

        // Mark the document: if the page reloaded, the mark would be gone.
        await page.EvaluateAsync("() => { window.__noReload = 'still here'; }");

        // The PMS publishes a direct booking for the property: the engine pushes the closed nights to the connection.
        using var pms = new HttpClient { BaseAddress = Host.BaseAddress };
        pms.DefaultRequestHeaders.Authorization = new("Bearer", ApiKey);
        var checkIn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        using var published = await pms.PostAsJsonAsync("/pms/events", new
        {
            type = "booking.confirmed",
            property_id = property,
            payload = new { booking_id = "browser-booking-1", check_in = checkIn.ToString("yyyy-MM-dd"), check_out = checkIn.AddDays(3).ToString("yyyy-MM-dd"), status = "confirmed", source = "direct" },
        }, Ct);
        Assert.True(published.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.Created, $"{(int)published.StatusCode} {await published.Content.ReadAsStringAsync(Ct)}");

        // The page shows it without a reload: a new sync-log row for the booking and a later last sync.
        await Assertions.Expect(logRows.Filter(new() { HasText = "booking.confirmed" })).Not.ToHaveCountAsync(0);
        await Assertions.Expect(lastSync).Not.ToHaveAttributeAsync("title", syncedBefore!);
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.__noReload"));
        Assert.True(
            DateTimeOffset.Parse((await lastSync.GetAttributeAsync("title"))!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.Parse(syncedBefore!, System.Globalization.CultureInfo.InvariantCulture),
            "the last sync moved forward");
        await Assertions.Expect(row.Locator("td.status")).ToHaveTextAsync("active");

        // The screenshot, as a test artifact.
        await SampleHostOnKestrel.SaveScreenshotAsync(page, "dashboard-live-sync.png");

        // Nothing was loaded from anywhere but the host, and the CSP refused nothing the page needed.
        Assert.All(requests, url => Assert.StartsWith(Host.BaseAddress.ToString(), url, StringComparison.Ordinal));
        Assert.Contains(requests, url => url.EndsWith("/dashboard/events", StringComparison.Ordinal));
        Assert.Empty(consoleErrors);
    }
}
