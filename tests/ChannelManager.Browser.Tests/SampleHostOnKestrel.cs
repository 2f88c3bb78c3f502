using System.Security.Cryptography;
using System.Text;
using ChannelManager.SampleHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace ChannelManager.Browser.Tests;

/// <summary>
/// The sample host with its platform simulator on a real Kestrel port (a browser cannot reach a TestServer), one tenant
/// API key, and a launcher for Debian's headless Chromium (no browser download: Playwright drives /usr/bin/chromium).
/// </summary>
public sealed class SampleHostOnKestrel : IAsyncDisposable
{
    /// <summary>The tenant API key the host accepts (tenant <c>default</c>).</summary>
    public const string ApiKey = "browser-test-key-0123456789";

    private const string ChromiumPath = "/usr/bin/chromium";

    private readonly WebApplicationFactory<SampleHostEntryPoint> _host;

    private SampleHostOnKestrel(WebApplicationFactory<SampleHostEntryPoint> host, Uri baseAddress)
    {
        _host = host;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the host listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts the host.</summary>
    public static SampleHostOnKestrel Start()
    {
        var port = FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var host = new WebApplicationFactory<SampleHostEntryPoint>().WithWebHostBuilder(b => b
            .UseSetting("Urls", baseAddress.ToString().TrimEnd('/'))
            .UseSetting("Simulator:Enabled", "true")
            .UseSetting("Simulator:Port", "0")
            .UseSetting("SampleHost:ApiKeys:default", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey)))));
        host.UseKestrel(port);
        host.StartServer();
        return new SampleHostOnKestrel(host, baseAddress);
    }

    /// <summary>Launches headless Chromium with the flags this machine's closed network needs.</summary>
    public static async Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: scripts/install-test-deps.sh installs Debian's chromium package.");
        return await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Saves a full-page screenshot under <c>artifacts/</c> next to the test binaries and attaches it to the test result.</summary>
    public static async Task SaveScreenshotAsync(IPage page, string name)
    {
        var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        var path = Path.Combine(artifacts.FullName, name);
        var png = await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Assert.True(png.Length > 1000, "the screenshot holds a picture");
        TestContext.Current.AddAttachment(name, png, "image/png");
        TestContext.Current.SendDiagnosticMessage($"Screenshot: {path}");
        Console.WriteLine($"Screenshot: {path}");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
