using Microsoft.Playwright;

namespace ChannelManager.Browser.Tests;

/// <summary>
/// The sample host's interactive API reference (Scalar, at <c>/scalar/</c>) in headless Chromium: it renders the
/// OpenAPI document's operations with nothing fetched from outside the host (no CDN, no web fonts, no telemetry), as
/// an operator's machine without internet would show it. A screenshot is saved as a test artifact.
/// </summary>
public sealed class ApiReferenceBrowserTests : SampleHostBrowserTest
{
    [Fact]
    public async Task The_reference_page_renders_the_operations_offline()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await SampleHostOnKestrel.LaunchChromiumAsync(playwright);
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var requests = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);

        await page.GotoAsync(new Uri(Host.BaseAddress, "/scalar/").ToString());

        // The document was fetched and rendered: its title and an operation of the management API are on the page.
        await Assertions.Expect(page.GetByText("ChannelManager sample host").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Channel connections", new() { Exact = false }).First).ToBeVisibleAsync();
        Assert.Contains(requests, url => url.EndsWith("/openapi/v1.json", StringComparison.Ordinal));

        await SampleHostOnKestrel.SaveScreenshotAsync(page, "api-reference.png");

        // Everything the page loaded came from the host (data: and blob: URLs are the page's own).
        Assert.All(
            requests.Where(url => !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal)),
            url => Assert.StartsWith(Host.BaseAddress.ToString(), url, StringComparison.Ordinal));
    }
}
