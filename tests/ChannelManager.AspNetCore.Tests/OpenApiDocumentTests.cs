using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChannelManager.SampleHost;
using ChannelManager.SampleHost.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace ChannelManager.AspNetCore.Tests;

/// <summary>
/// The sample host's OpenAPI document (<c>/openapi/v1.json</c>) against the host itself: every route of its route
/// table is described with its method, a summary, its success and problem responses; the schemas carry the names the
/// API really writes (compared with live answers); the main operations have examples, which the API accepts; the API
/// key scheme is required exactly on the secured routes; and the reference page works offline (only local assets).
/// The sample runs as one command starts it: simulator on, every platform (and so the iCal and Vrbo feeds) enabled.
/// </summary>
public sealed partial class OpenApiDocumentTests : IAsyncLifetime
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private WebApplicationFactory<SampleHostEntryPoint> _factory = null!;
    private HttpClient _client = null!;
    private JsonObject _document = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<SampleHostEntryPoint>().WithWebHostBuilder(b => b.UseSetting("Simulator:Port", "0"));
        _client = _factory.CreateClient();
        using var response = await _client.GetAsync("/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // anonymous: no key on this client yet
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        _document = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _factory.Services.GetRequiredService<SampleApiKeys>().DemoKeys["tenant:default"]);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task The_document_is_valid_openapi_3_1()
    {
        Assert.StartsWith("3.1", _document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var stream = await _client.GetStreamAsync("/openapi/v1.json", Ct);
        var read = await OpenApiDocument.LoadAsync(stream, "json", cancellationToken: Ct);
        Assert.NotNull(read.Document);
        Assert.True(read.Diagnostic is null || read.Diagnostic.Errors.Count == 0, string.Join("; ", read.Diagnostic?.Errors.Select(e => e.ToString()) ?? []));
        var errors = read.Document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Pointer}: {e.Message}")));
    }

    [Fact]
    public void Every_route_of_the_host_is_in_the_document_with_its_method()
    {
        var routes = Routes();
        Assert.Contains(routes, r => r.Path == "/channel-connections/{id}/sync-logs");
        Assert.Contains(routes, r => r.Path == "/operations/unmapped-reservations/{id}/dismiss");
        Assert.Contains(routes, r => r.Path.StartsWith("/ical/", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.Path.StartsWith("/fewo-direkt/", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.Path.StartsWith("/pms/", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.Path == "/webhooks/google");

        var missing = routes.Where(r => Operation(r.Path, r.Method) is null).Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.True(missing.Count == 0, "not in the document: " + string.Join(", ", missing));

        // Nothing is described that the host does not serve.
        var described = Paths().SelectMany(p => Methods.Where(m => p.Value![m] is not null).Select(m => $"{m.ToUpperInvariant()} {p.Key}")).ToList();
        Assert.Empty(described.Except(routes.Select(r => $"{r.Method} {r.Path}")));
    }

    [Fact]
    public void Every_operation_has_a_summary_a_typed_success_and_problem_responses_for_its_4xx_answers()
    {
        var routes = Routes();
        foreach (var (method, path, secured) in routes)
        {
            var where = $"{method} {path}";
            var operation = Operation(path, method)!;
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), where + ": no summary");
            Assert.False(string.IsNullOrWhiteSpace(operation["description"]?.GetValue<string>()), where + ": no description");
            Assert.NotEmpty(operation["tags"]!.AsArray());
            Assert.False(string.IsNullOrWhiteSpace(operation["operationId"]?.GetValue<string>()), where + ": no operationId");

            var responses = operation["responses"]!.AsObject();
            var successes = responses.Where(r => r.Key.StartsWith('2')).ToList();
            Assert.True(successes.Count > 0, where + ": no 2xx response");
            foreach (var (status, response) in successes)
            {
                if (response!["content"]?["application/json"] is { } json)
                {
                    Assert.True(json["schema"] is not null, $"{where} {status}: JSON without a schema");
                }
            }

            foreach (var (status, response) in responses.Where(r => r.Key.StartsWith('4') || r.Key.StartsWith('5')))
            {
                if (path == "/health" && status == "503")
                {
                    // Unhealthy is the health report itself (a load balancer reads the status code), not a problem.
                    Assert.True(response!["content"]?["application/json"]?["schema"] is not null, $"{where} {status}: the health report without a schema");
                    continue;
                }

                var problem = response!["content"]?["application/problem+json"];
                Assert.True(problem?["schema"] is not null, $"{where} {status}: not an application/problem+json response with a schema");
            }

            // An id names a record (404 when unknown); the iCal feed's 404 is its token's, and a property's calendar answers for any id.
            if (path.Contains('{', StringComparison.Ordinal) && !path.StartsWith("/pms/properties/", StringComparison.Ordinal))
            {
                Assert.True(responses.ContainsKey("404"), where + ": takes an id but documents no 404");
            }

            if (operation["requestBody"]?["content"]?["application/json"] is not null)
            {
                Assert.True(responses.ContainsKey("400"), where + ": takes a JSON body but documents no 400");
            }

            // The API key is required exactly where the host's authorization applies; anonymous routes document their own scheme.
            var security = operation["security"]?.AsArray() ?? [];
            if (secured)
            {
                Assert.True(responses.ContainsKey("401") && responses.ContainsKey("403"), where + ": secured but documents no 401/403");
                Assert.Equal(
                    ["ApiKeyBearer", "ApiKeyHeader"],
                    security.SelectMany(s => s!.AsObject().Select(kv => kv.Key)).Order(StringComparer.Ordinal).ToArray());
            }
            else
            {
                Assert.True(security.Count == 0, where + ": anonymous but requires the API key in the document");
            }
        }

        // The webhook routes name the problems a platform's call can get; the feeds their own authentication.
        var webhook = Operation("/webhooks/airbnb", "POST")!;
        foreach (var status in new[] { "400", "401", "404", "413", "415", "422" })
        {
            Assert.True(webhook["responses"]![status] is not null, "webhook without " + status);
        }

        Assert.Contains("X-Airbnb-Signature", webhook["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("HTTP Basic", Operation("/fewo-direkt/advertisers", "GET")!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(Operation("/fewo-direkt/advertisers", "GET")!["responses"]!["401"]);
        Assert.Contains(routes, r => r.Secured && r.Path.StartsWith("/operations/", StringComparison.Ordinal));
        Assert.DoesNotContain(routes, r => r.Secured && (r.Path.StartsWith("/webhooks/", StringComparison.Ordinal) || r.Path.StartsWith("/ical/", StringComparison.Ordinal) || r.Path.StartsWith("/fewo-direkt/", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_security_schemes_are_the_sample_hosts_api_key_as_bearer_or_header()
    {
        var schemes = _document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("http", schemes["ApiKeyBearer"]!["type"]!.GetValue<string>());
        Assert.Equal("bearer", schemes["ApiKeyBearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal("apiKey", schemes["ApiKeyHeader"]!["type"]!.GetValue<string>());
        Assert.Equal("header", schemes["ApiKeyHeader"]!["in"]!.GetValue<string>());
        Assert.Equal(SampleHostSecurity.ApiKeyHeader, schemes["ApiKeyHeader"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_schemas_name_the_properties_as_the_api_really_writes_them()
    {
        // The create example of the document is a request the API accepts.
        var create = Operation("/channel-connections", "POST")!;
        var example = create["requestBody"]!["content"]!["application/json"]!["examples"]!["reference"]!["value"]!.AsObject();
        var property = Guid.NewGuid();
        example["property_id"] = property.ToString();
        using var created = await _client.PostAsync("/channel-connections", new StringContent(example.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var connection = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!.AsObject();
        AssertSameNames(connection, ResponseSchema("/channel-connections", "POST", "201"), "ConnectionResponse");
        Assert.Equal(
            ["access_token", "platform_listing_id", "platform_metadata", "platform_type", "property_id", "refresh_token", "status", "token_expires_at"],
            Properties(RequestSchema("/channel-connections", "POST")).Order(StringComparer.Ordinal).ToArray());
        var id = connection["id"]!.GetValue<string>();

        var list = JsonNode.Parse(await _client.GetStringAsync($"/channel-connections?property_id={property}", Ct))!.AsObject();
        AssertSameNames(list, ResponseSchema("/channel-connections", "GET", "200"), "ConnectionListResponse");
        AssertSameNames(list["items"]![0]!.AsObject(), Resolve(ResponseSchema("/channel-connections", "GET", "200")["properties"]!["items"]!["items"]!), "ConnectionListResponse.items");

        using var test = await _client.PostAsync($"/channel-connections/{id}/test", null, Ct);
        AssertSameNames(JsonNode.Parse(await test.Content.ReadAsStringAsync(Ct))!.AsObject(), ResponseSchema("/channel-connections/{id}/test", "POST", "200"), "ConnectionTestResponse");

        using var sync = await _client.PostAsJsonAsync($"/channel-connections/{id}/sync", new { sync_type = "full" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, sync.StatusCode);
        AssertSameNames(JsonNode.Parse(await sync.Content.ReadAsStringAsync(Ct))!.AsObject(), ResponseSchema("/channel-connections/{id}/sync", "POST", "202"), "SyncResponse");

        JsonObject logs = [];
        await Eventually.TrueAsync(
            async () => (logs = JsonNode.Parse(await _client.GetStringAsync($"/channel-connections/{id}/sync-logs", Ct))!.AsObject())["items"]!.AsArray().Count > 0,
            "the initial push is in the sync log",
            30_000);
        AssertSameNames(logs["items"]![0]!.AsObject(), Resolve(ResponseSchema("/channel-connections/{id}/sync-logs", "GET", "200")["properties"]!["items"]!["items"]!), "SyncLogResponse");

        var health = JsonNode.Parse(await _client.GetStringAsync("/webhooks/health", Ct))!.AsObject();
        AssertSameNames(health, ResponseSchema("/webhooks/health", "GET", "200"), "WebhookHealthResponse");
        AssertSameNames(health["platforms"]![0]!.AsObject(), Resolve(ResponseSchema("/webhooks/health", "GET", "200")["properties"]!["platforms"]!["items"]!), "WebhookPlatformHealth");

        var conflicts = JsonNode.Parse(await _client.GetStringAsync("/conflicts", Ct))!.AsObject();
        AssertSameNames(conflicts, ResponseSchema("/conflicts", "GET", "200"), "ConflictListResponse");

        var calendar = JsonNode.Parse(await _client.GetStringAsync($"/pms/properties/{property}/calendar", Ct))!.AsArray();
        AssertSameNames(calendar[0]!.AsObject(), Resolve(ResponseSchema("/pms/properties/{propertyId}/calendar", "GET", "200")["items"]!), "PmsCalendarNight");

        // A problem is what the document says it is.
        using var invalid = await _client.PostAsync("/channel-connections", new StringContent("""{"platform_type":"myspace"}""", Encoding.UTF8, "application/json"), Ct);
        var problem = await Problem.AssertAsync(invalid, HttpStatusCode.BadRequest);
        var problemSchema = Resolve(Operation("/channel-connections", "POST")!["responses"]!["400"]!["content"]!["application/problem+json"]!["schema"]!);
        foreach (var name in problem.EnumerateObject().Select(p => p.Name).Where(n => n != "traceId"))
        {
            Assert.Contains(name, Properties(problemSchema));
        }
    }

    [Fact]
    public void The_main_operations_have_examples_that_fit_their_schemas()
    {
        (string Path, string Method, string Where)[] expected =
        [
            ("/channel-connections", "POST", "request"),
            ("/channel-connections", "POST", "201"),
            ("/channel-connections", "POST", "400"),
            ("/channel-connections", "GET", "200"),
            ("/channel-connections/{id}", "GET", "200"),
            ("/channel-connections/{id}", "PUT", "request"),
            ("/channel-connections/{id}/test", "POST", "200"),
            ("/channel-connections/{id}/sync", "POST", "request"),
            ("/channel-connections/{id}/sync", "POST", "202"),
            ("/channel-connections/{id}/sync-logs", "GET", "200"),
            ("/conflicts", "GET", "200"),
            ("/conflicts/{id}/resolve", "POST", "request"),
            ("/unmapped-reservations", "GET", "200"),
            ("/dead-letters", "GET", "200"),
            ("/webhooks/health", "GET", "200"),
        ];
        foreach (var (path, method, where) in expected)
        {
            var operation = Operation(path, method)!;
            var media = where == "request"
                ? operation["requestBody"]!["content"]!["application/json"]!
                : operation["responses"]![where]!["content"]!.AsObject().Single(c => c.Key.Contains("json", StringComparison.Ordinal)).Value!;
            Assert.True(media["examples"]?.AsObject().Count > 0, $"{method} {path} {where}: no example");
        }

        // Every example anywhere in the document uses only the names of its schema (and a request example its required ones).
        var checkedExamples = 0;
        foreach (var (path, item) in Paths())
        {
            foreach (var method in Methods.Where(m => item![m] is not null))
            {
                var operation = item![method]!;
                var medias = new List<(string, JsonNode)>();
                medias.AddRange((operation["requestBody"]?["content"]?.AsObject() ?? []).Select(c => ("request", c.Value!)));
                medias.AddRange((operation["responses"]?.AsObject() ?? []).SelectMany(r => (r.Value!["content"]?.AsObject() ?? []).Select(c => (r.Key, c.Value!))));
                foreach (var (where, media) in medias)
                {
                    foreach (var (_, example) in media["examples"]?.AsObject() ?? [])
                    {
                        var schema = Resolve(media["schema"]!);
                        AssertFits(example!["value"]!, schema, $"{method.ToUpperInvariant()} {path} {where}");
                        if (where == "request")
                        {
                            foreach (var required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
                            {
                                Assert.True(example["value"]![required] is not null, $"{method} {path}: the example lacks the required '{required}'");
                            }
                        }

                        checkedExamples++;
                    }
                }
            }
        }

        Assert.True(checkedExamples >= expected.Length, $"only {checkedExamples} examples");
    }

    [Fact]
    public async Task The_reference_page_is_served_by_the_host_with_local_assets_only()
    {
        using var anonymous = _factory.CreateClient();
        using var page = await anonymous.GetAsync("/scalar/", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(Ct);

        // No absolute URL at all (no CDN script, style or font), and Scalar's calls home switched off.
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("//cdn", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false", html, StringComparison.Ordinal);

        var assets = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        var sources = JsonSourceUrl().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.Contains("scalar.js", assets);
        Assert.NotEmpty(sources);
        foreach (var asset in assets)
        {
            Assert.False(asset.StartsWith("//", StringComparison.Ordinal) || asset.Contains(':', StringComparison.Ordinal), asset);
            using var response = await anonymous.GetAsync(new Uri(new Uri("http://localhost/scalar/"), asset), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync(Ct)).Length > 0, asset + " is empty");
        }

        // The page resolves the document's URL against the host's root (scalar.aspnetcore.js): the document it loads answers.
        foreach (var source in sources)
        {
            Assert.False(source.Contains(':', StringComparison.Ordinal), source);
            using var document = await anonymous.GetAsync("/" + source.TrimStart('/'), Ct);
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        }
    }

    private sealed record Route(string Method, string Path, bool Secured);

    /// <summary>Every route of the host's route table (but the document and page themselves), as the document names it.</summary>
    private List<Route> Routes()
    {
        var routes = new List<Route>();
        var excluded = new List<string>();
        foreach (var endpoint in _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            {
                excluded.Add(pattern);
                continue;
            }

            var path = RouteConstraint().Replace(pattern.Length > 1 ? pattern.TrimEnd('/') : pattern, "{${name}}");
            var secured = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
                && endpoint.Metadata.Any(m => m is IAuthorizeData or AuthorizationPolicy);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
            routes.AddRange(methods.Select(m => new Route(m, path, secured)));
        }

        // Only the API description itself and the dashboard's page and static files (HTML, not API) are left out of the
        // API description; the dashboard's event stream is an API route and is described.
        Assert.NotEmpty(excluded);
        Assert.All(excluded, p => Assert.True(
            p.StartsWith("/openapi/", StringComparison.Ordinal) || p.StartsWith("/scalar", StringComparison.Ordinal)
            || p == "/dashboard/" || p == "/dashboard/assets/{name}",
            p));
        Assert.NotEmpty(routes);
        return routes;
    }

    private IEnumerable<KeyValuePair<string, JsonNode?>> Paths() => _document["paths"]!.AsObject();

    private JsonNode? Operation(string path, string method) => _document["paths"]![path]?[method.ToLowerInvariant()];

    private JsonNode RequestSchema(string path, string method) => Resolve(Operation(path, method)!["requestBody"]!["content"]!["application/json"]!["schema"]!);

    private JsonNode ResponseSchema(string path, string method, string status) =>
        Resolve(Operation(path, method)!["responses"]![status]!["content"]!["application/json"]!["schema"]!);

    /// <summary>Follows <c>$ref</c> (and a nullable <c>oneOf</c> of null and a reference) to the schema.</summary>
    private JsonNode Resolve(JsonNode schema)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return Resolve(_document["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!);
        }

        return schema["oneOf"]?.AsArray().FirstOrDefault(s => s!["$ref"] is not null) is { } referenced ? Resolve(referenced) : schema;
    }

    private static List<string> Properties(JsonNode schema) => schema["properties"]?.AsObject().Select(p => p.Key).ToList() ?? [];

    private static void AssertSameNames(JsonObject body, JsonNode schema, string what)
    {
        var written = body.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
        var described = Properties(schema).Order(StringComparer.Ordinal).ToArray();
        Assert.True(written.SequenceEqual(described), $"{what}: the API writes [{string.Join(", ", written)}], the schema says [{string.Join(", ", described)}]");
        Assert.All(written, n => Assert.Matches("^[a-z0-9_]+$", n));
    }

    private void AssertFits(JsonNode example, JsonNode schema, string where)
    {
        schema = Resolve(schema);
        if (example is JsonObject obj && schema["properties"] is JsonObject properties)
        {
            foreach (var (name, value) in obj)
            {
                Assert.True(properties.ContainsKey(name), $"{where}: the example's '{name}' is not in the schema");
                if (value is not null)
                {
                    AssertFits(value, properties[name]!, $"{where}.{name}");
                }
            }
        }
        else if (example is JsonArray array && schema["items"] is { } items)
        {
            foreach (var element in array.OfType<JsonNode>())
            {
                AssertFits(element, items, where + "[]");
            }
        }
        else if (example is JsonValue value && schema["enum"] is JsonArray allowed)
        {
            Assert.Contains(value.ToJsonString(), allowed.Select(a => a!.ToJsonString()));
        }
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z_]+)(:[^}]+)?\??\}")]
    private static partial Regex RouteConstraint();

    [GeneratedRegex(@"(?:src|href)=""(?<url>[^""]+)""|""favicon"":""(?<url>[^""]+)""")]
    private static partial Regex AssetReference();

    [GeneratedRegex(@"""sources"":\[\{[^\]]*?""url"":""(?<url>[^""]+)""")]
    private static partial Regex JsonSourceUrl();
}
