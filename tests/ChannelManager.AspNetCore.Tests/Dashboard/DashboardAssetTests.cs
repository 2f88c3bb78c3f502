using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelManager.AspNetCore.Tests.Dashboard;

/// <summary>The dashboard's embedded page and files: paths rendered for the mapping, content types, ETags, a CSP that allows nothing but this host, and no address of any other origin.</summary>
public sealed partial class DashboardAssetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_page_and_its_files_are_served_from_the_assembly_with_csp_content_types_and_etags()
    {
        await using var app = await MinimalDashboardHost.StartAsync();
        using var client = app.GetTestClient();

        using var page = await client.GetAsync("/ops/board", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<meta name=\"cm-dashboard-base\" content=\"/ops/board\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"cm-api-base\" content=\"/api\">", html, StringComparison.Ordinal);
        AssertSecurityHeaders(page);

        var referenced = SourceOrLink().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.Equal(3, referenced.Count); // icon, style sheet, script
        var types = new Dictionary<string, string> { [".js"] = "text/javascript", [".css"] = "text/css", [".svg"] = "image/svg+xml" };
        var bodies = new List<string> { html };
        foreach (var url in referenced)
        {
            Assert.StartsWith("/ops/board/assets/", url, StringComparison.Ordinal);
            using var asset = await client.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Equal(types[Path.GetExtension(url)], asset.Content.Headers.ContentType?.MediaType);
            AssertSecurityHeaders(asset);
            var body = await asset.Content.ReadAsStringAsync(Ct);
            Assert.NotEmpty(body);
            bodies.Add(url.EndsWith(".svg", StringComparison.Ordinal) ? body.Replace("xmlns=\"http://www.w3.org/2000/svg\"", string.Empty, StringComparison.Ordinal) : body);

            // Revalidation: the same ETag answers 304 without a body.
            var etag = asset.Headers.ETag;
            Assert.NotNull(etag);
            Assert.Equal("no-cache", asset.Headers.CacheControl?.ToString());
            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(etag);
            using var notModified = await client.SendAsync(again, Ct);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Ct));
        }

        // Nothing names another origin: no CDN, no font service, no analytics (the SVG's XML namespace is not a load).
        Assert.All(bodies, b => Assert.DoesNotMatch(OtherOrigin(), b));
        Assert.All(bodies, b => Assert.DoesNotContain("@import", b, StringComparison.Ordinal));
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal); // no inline script: the CSP would refuse it
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);

        using var unknown = await client.GetAsync("/ops/board/assets/secrets.json", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        using var traversal = await client.GetAsync("/ops/board/assets/..%2F..%2Fappsettings.json", Ct);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    [Fact]
    public async Task Mapping_the_dashboard_without_its_services_says_which_call_is_missing()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddChannelManager().AddHttpEndpoints();
        await using var app = builder.Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.MapChannelManagerDashboard());
        Assert.Contains("AddDashboard()", error.Message, StringComparison.Ordinal);
        await using var withServices = WithDashboard();
        Assert.Throws<ArgumentException>(() => withServices.MapChannelManagerDashboard("/"));
    }

    [Fact]
    public async Task Out_of_range_options_stop_the_start_naming_the_setting()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddChannelManager().AddHttpEndpoints().AddDashboard(o =>
        {
            o.HeartbeatInterval = TimeSpan.Zero;
            o.SubscriberBufferCapacity = 1;
        });
        await using var app = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));
        Assert.Contains("ChannelManager:Dashboard:HeartbeatInterval", error.Message, StringComparison.Ordinal);
        Assert.Contains("ChannelManager:Dashboard:SubscriberBufferCapacity", error.Message, StringComparison.Ordinal);
    }

    private static WebApplication WithDashboard()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddChannelManager().AddHttpEndpoints().AddDashboard();
        return builder.Build();
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(DashboardAssetsCsp, csp);
    }

    private const string DashboardAssetsCsp = "default-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; form-action 'self'";

    [GeneratedRegex("""(?:src|href)="(?<url>[^"]+)""")]
    private static partial Regex SourceOrLink();

    [GeneratedRegex(@"(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex OtherOrigin();
}
