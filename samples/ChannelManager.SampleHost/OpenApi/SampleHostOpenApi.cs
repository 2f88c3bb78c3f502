using ChannelManager.SampleHost.Security;
using ChannelManager.SampleHost.Telemetry;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace ChannelManager.SampleHost.OpenApi;

/// <summary>
/// The sample host's API description: the OpenAPI document of every route at <see cref="DocumentPath"/> and an
/// interactive reference page (Scalar) at <see cref="ReferencePath"/>, both served by the host itself, with no asset
/// from a CDN (the page's script is the one bundled in Scalar.AspNetCore; its default web fonts, telemetry, AI agent
/// and MCP features, which call out to Scalar's services, are off). Both are anonymous: they describe the API and hold
/// no tenant's data; every route they describe keeps its own authentication.
/// </summary>
internal static class SampleHostOpenApi
{
    /// <summary>The document's name.</summary>
    public const string DocumentName = "v1";

    /// <summary>Where the document is served.</summary>
    public const string DocumentPath = "/openapi/" + DocumentName + ".json";

    /// <summary>Where the reference page is served.</summary>
    public const string ReferencePath = "/scalar";

    /// <summary>The security scheme of <c>Authorization: Bearer &lt;API key&gt;</c>.</summary>
    public const string BearerScheme = "ApiKeyBearer";

    /// <summary>The security scheme of <c>X-Api-Key: &lt;API key&gt;</c>.</summary>
    public const string HeaderScheme = "ApiKeyHeader";

    /// <summary>Registers the document with ChannelManager's transformers and the sample's API-key schemes.</summary>
    /// <param name="builder">The host builder.</param>
    public static void AddSampleHostOpenApi(this WebApplicationBuilder builder)
    {
        var prometheus = SampleHostTelemetry.PrometheusEnabled(builder.Configuration);
        builder.Services.AddChannelManagerOpenApi(DocumentName, options =>
        {
            options.AddSecuritySchemeForAuthorizedEndpoints(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A tenant's API key (or an operator's, for /operations) as Authorization: Bearer <key>. "
                    + "Keys are configured as SampleHost:ApiKeys:<tenant> = SHA-256 hex of the key; the demo prints one at start.",
            });
            options.AddSecuritySchemeForAuthorizedEndpoints(HeaderScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = SampleHostSecurity.ApiKeyHeader,
                Description = "The same API key in the X-Api-Key header instead.",
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info ??= new OpenApiInfo();
                document.Info.Title = "ChannelManager sample host";
                document.Info.Version = DocumentName;
                document.Tags ??= new HashSet<OpenApiTag>();
                if (document.Tags.FirstOrDefault(t => t.Name == "Sample PMS") is { } pms)
                {
                    pms.Description = "The sample's stand-in for a PMS (secured like the management API): publish PMS events, read a property's calendar and the imported bookings.";
                }

                if (document.Tags.FirstOrDefault(t => t.Name == "Sample host") is { } index)
                {
                    index.Description = "The host's own anonymous overview.";
                }

                if (prometheus)
                {
                    DescribeMetricsScrape(document);
                }

                return Task.CompletedTask;
            });
        });
    }

    /// <summary>
    /// The Prometheus scrape route is the OpenTelemetry exporter's own endpoint (not a route handler the document
    /// generator can see), so it is described here.
    /// </summary>
    private static void DescribeMetricsScrape(OpenApiDocument document)
    {
        document.Paths ??= new OpenApiPaths();
        var operation = new OpenApiOperation
        {
            OperationId = "PrometheusScrape",
            Summary = "Prometheus scrape of the host's metrics",
            Description = "OpenTelemetry's Prometheus exporter: ChannelManager's instruments (connections active, sync operations, sync latency, "
                + "backlog, dead letters, conflicts, rate-limiter rejections, breaker state), http_requests_total and ASP.NET Core's own. "
                + "Anonymous, as scrapers expect; PROMETHEUS_ENABLED=false removes it. Labels never carry tenant, connection, property or listing ids.",
            Tags = new HashSet<OpenApiTagReference> { new("Operations", document) },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "The metrics in the Prometheus text exposition format.",
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                    {
                        ["text/plain"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                    },
                },
            },
        };
        document.Paths[SampleHostTelemetry.MetricsPath] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation },
        };
    }

    /// <summary>Maps the document and the reference page, anonymous.</summary>
    /// <param name="app">The host.</param>
    public static void MapSampleHostApiReference(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("ChannelManager sample host — API reference")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddDocument(DocumentName)
                .AddPreferredSecuritySchemes(BearerScheme)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp())
            .AllowAnonymous();
    }
}
