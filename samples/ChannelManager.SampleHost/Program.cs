using ChannelManager.Connections;
using ChannelManager.Engine.Sync;
using ChannelManager.SampleHost.OpenApi;
using ChannelManager.SampleHost.Platforms;
using ChannelManager.SampleHost.Pms;
using ChannelManager.SampleHost.Security;
using ChannelManager.Simulator;

// The whole system in one process on embedded defaults: the API, the sync workers (in-memory stores, in-process
// bus) and — unless Simulator:Enabled is false — the platform simulator on loopback with every platform's adapter
// pointed at it, wired so that its webhooks reach this host. No Redis, no PostgreSQL, no secrets to fill in: the
// credentials of the simulated platforms are generated per run. With the simulator off, a platform is enabled when
// its credentials are configured (environment variables, see SamplePlatforms.CredentialKeys).
var builder = WebApplication.CreateBuilder(args);
var selfUrl = (builder.Configuration["Urls"] ?? "http://127.0.0.1:5080").Split(';')[0].TrimEnd('/');
var simulatorEnabled = builder.Configuration.GetValue("Simulator:Enabled", true);

builder.Services.AddProblemDetails();
var channelManager = builder.Services
    .AddChannelManager(o => builder.Configuration.GetSection("ChannelManager").Bind(o))
    .AddHttpEndpoints(o =>
    {
        // Every caller is authenticated by an API key of one tenant (below); none falls back to a default tenant.
        o.TenantClaimType = SampleHostSecurity.TenantClaimType;
        o.DefaultTenantId = null;
    });

// API keys per tenant, hashed at rest (SampleHost:ApiKeys:{tenant} = SHA-256 hex). With none configured, the demo
// (simulator on, or Development) generates a key per demo tenant and prints it once; otherwise every secured route
// answers 401 until keys are configured.
var apiKeys = builder.AddApiKeyAuthentication(simulatorEnabled || builder.Environment.IsDevelopment(), selfUrl);

// The OpenAPI document of every route (/openapi/v1.json) and its reference page (/scalar), anonymous and offline.
builder.AddSampleHostOpenApi();

// The simulator starts first, so that the adapters can be pointed at its real address (Simulator:Port 0 = a free port).
PlatformSimulator? simulator = null;
IReadOnlyList<Platform> platforms;
if (simulatorEnabled)
{
    var credentials = new SimulatedPlatformCredentials();
    simulator = await StartSimulatorAsync(credentials.ToSimulatorOptions(builder.Configuration.GetValue("Simulator:Port", 0), selfUrl));
    builder.Services.AddSingleton(simulator);
    platforms = credentials.AddAdapters(channelManager, simulator, selfUrl);
}
else
{
    platforms = SamplePlatforms.AddConfigured(channelManager, builder.Configuration);
}

try
{
    // Production parts when their connection strings are given (ConnectionStrings__Redis, ConnectionStrings__Postgres);
    // embedded defaults (in-process bus, in-memory stores) otherwise.
    var redisConnection = builder.Configuration.GetConnectionString("Redis");
    if (!string.IsNullOrWhiteSpace(redisConnection))
    {
        channelManager.UseRedisStreams(o =>
        {
            builder.Configuration.GetSection("ChannelManager:RedisStreams").Bind(o);
            o.ConnectionString = redisConnection;
        });
    }

    var postgresConnection = builder.Configuration.GetConnectionString("Postgres");
    if (!string.IsNullOrWhiteSpace(postgresConnection))
    {
        channelManager.UsePostgres(o =>
        {
            builder.Configuration.GetSection("ChannelManager:Postgres").Bind(o);
            o.ConnectionString = postgresConnection;
        });
    }

    var mode = $"bus: {(string.IsNullOrWhiteSpace(redisConnection) ? "in-process" : "Redis Streams")}, store: {(string.IsNullOrWhiteSpace(postgresConnection) ? "in-memory" : "PostgreSQL")}";
    var app = builder.Build();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseAuthentication();
    app.UseAuthorization();

    // The management API for a tenant's key, the cross-tenant operations API for an operator's key; the webhooks,
    // the iCal and Vrbo feeds (each with its own authentication) and the webhook health stay anonymous.
    app.MapChannelManager().RequireAuthorization(SampleHostSecurity.TenantPolicy);
    app.MapChannelManagerOperations().RequireAuthorization(SampleHostSecurity.OperatorPolicy);
    if (platforms.Contains(Platform.ICal))
    {
        app.MapChannelManagerICalFeeds(); // GET /ical/{tenant}/{connection}/{token}.ics
    }

    if (platforms.Contains(Platform.FewoDirekt))
    {
        app.MapChannelManagerFewoDirektFeeds(SamplePlatforms.FewoDirektFeedPrefix); // GET /fewo-direkt/advertisers …, HTTP Basic
    }

    SamplePmsEndpoints.Map(app, selfUrl);
    app.MapGet("/", (AdapterRegistry adapters) => Results.Text(SamplePmsEndpoints.Index(selfUrl, simulator, adapters.EnabledPlatforms, mode), "text/plain"))
        .WithName("SampleHostIndex").WithTags("Sample host").WithSummary("What this host serves")
        .WithDescription("Anonymous plain-text overview: the API, operations, webhook, PMS and documentation addresses and each platform's state.")
        .Produces<string>(StatusCodes.Status200OK, "text/plain");
    app.MapSampleHostApiReference();

    app.Lifetime.ApplicationStarted.Register(() =>
    {
        var enabled = app.Services.GetRequiredService<AdapterRegistry>().EnabledPlatforms;
        app.Logger.LogInformation("ChannelManager sample host listening on {Url} ({Mode})", selfUrl, mode);
        app.Logger.LogInformation(
            "Platforms enabled: {Platforms}",
            enabled.Count == 0 ? "none" : string.Join(", ", SamplePlatforms.All.Where(enabled.Contains).Select(p => p.ToWireName())));
        if (apiKeys.IsEmpty)
        {
            app.Logger.LogWarning("No API keys configured: every management route answers 401. Set SampleHost__ApiKeys__<tenant> to the SHA-256 hex of a key");
        }

        if (simulator is not null)
        {
            app.Logger.LogInformation("Platform simulator on {Url} (each platform's API under <platform slug>/, the control API under _sim/)", simulator.BaseAddress);
        }
        else
        {
            foreach (var platform in SamplePlatforms.All.Where(p => !enabled.Contains(p)))
            {
                app.Logger.LogInformation("{Platform} is not enabled: set one of {Keys} to enable it", platform.ToWireName(), SamplePlatforms.KeysOf(platform));
            }
        }
    });

    await app.RunAsync();
}
finally
{
    if (simulator is not null)
    {
        await simulator.DisposeAsync();
    }
}

// Started outside the entry point's execution context: WebApplicationFactory (tests) applies its test-server
// configuration to every host built in that context, which would leave the simulator without its Kestrel listener.
static Task<PlatformSimulator> StartSimulatorAsync(PlatformSimulatorOptions options)
{
    using (ExecutionContext.SuppressFlow())
    {
        return Task.Run(() => PlatformSimulator.StartAsync(options));
    }
}

/// <summary>The sample host's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
