using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace ChannelManager.AspNetCore.Dashboard;

/// <summary>
/// The dashboard's page, script, style sheet and icon, embedded in this assembly (nothing comes from a CDN). The page
/// is rendered once per mapping with its paths; each asset is served with its content type, a strong ETag
/// (304 on <c>If-None-Match</c>), <c>Cache-Control: no-cache</c> (revalidate every time, so a new version shows at
/// once) and a Content-Security-Policy that lets the page load and call nothing but this host.
/// </summary>
internal sealed class DashboardAssets
{
    /// <summary>Nothing but this origin: no CDN, no inline script or style, no framing, no plugins.</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; form-action 'self'";

    private const string ResourcePrefix = "ChannelManager.AspNetCore.Dashboard.Assets.";

    private static readonly (string Name, string ContentType)[] Files =
    [
        ("dashboard.js", "text/javascript; charset=utf-8"),
        ("dashboard.css", "text/css; charset=utf-8"),
        ("favicon.svg", "image/svg+xml"),
    ];

    private readonly FrozenDictionary<string, Asset> _files;

    public DashboardAssets(string dashboardPrefix, string apiPrefix)
    {
        var html = Read("index.html");
        var encoder = HtmlEncoder.Default;
        html = html.Replace("{{base}}", encoder.Encode(dashboardPrefix), StringComparison.Ordinal)
            .Replace("{{api}}", encoder.Encode(apiPrefix), StringComparison.Ordinal);
        Page = new Asset(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");
        _files = Files.ToFrozenDictionary(f => f.Name, f => new Asset(Encoding.UTF8.GetBytes(Read(f.Name)), f.ContentType), StringComparer.Ordinal);
    }

    /// <summary>The page.</summary>
    public Asset Page { get; }

    /// <summary>The names of the other assets, served under <c>{prefix}/assets/</c>.</summary>
    public IEnumerable<string> Names => _files.Keys;

    /// <summary>An asset by name, or <see langword="null"/>.</summary>
    public Asset? Find(string name) => _files.GetValueOrDefault(name);

    /// <summary>Adds the security headers every dashboard response carries.</summary>
    public static void AddSecurityHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
    }

    private static string Read(string name)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The dashboard asset '{name}' is not embedded in {typeof(DashboardAssets).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>One asset: its bytes, content type and ETag.</summary>
    internal sealed class Asset(byte[] content, string contentType) : IResult
    {
        public byte[] Content { get; } = content;

        public string ContentType { get; } = contentType;

        public string ETag { get; } = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"";

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            AddSecurityHeaders(response);
            response.Headers.ETag = ETag;
            response.Headers.CacheControl = "no-cache";
            if (httpContext.Request.Headers.IfNoneMatch.Any(v => v is not null && (v.Contains(ETag, StringComparison.Ordinal) || v.Trim() == "*")))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentType;
            response.ContentLength = Content.Length;
            if (!HttpMethods.IsHead(httpContext.Request.Method))
            {
                await response.Body.WriteAsync(Content, httpContext.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
