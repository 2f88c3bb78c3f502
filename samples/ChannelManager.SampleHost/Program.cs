using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Engine.Bookings;
using ChannelManager.Engine.Sync;
using ChannelManager.SampleHost.Configuration;
using ChannelManager.SampleHost.Logging;
using ChannelManager.SampleHost.OpenApi;
using ChannelManager.SampleHost.Platforms;
using ChannelManager.SampleHost.Pms;
using ChannelManager.SampleHost.Security;
using ChannelManager.SampleHost.Telemetry;
using ChannelManager.Simulator;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// The whole system in one process on embedded defaults: the API, the sync workers (in-memory stores, in-process
// bus) and — unless Simulator:Enabled is false — the platform simulator on loopback with every platform's adapter
// pointed at it, wired so that its webhooks reach this host. No Redis, no PostgreSQL, no secrets to fill in: the
// credentials of the simulated platforms are generated per run. With the simulator off, a platform is enabled when
// its credentials are configured (environment variables, see SamplePlatforms.CredentialKeys). In Production (also when
// ASPNETCORE_ENVIRONMENT is unset; `dotnet run` uses Development from launchSettings.json) it refuses to start on demo
// defaults (SampleHostStartupValidator). Every setting: .env.example at the repository root.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    EnvironmentName = ReferenceSettings.EnvironmentName(Environment.GetEnvironmentVariable),
});
var startup = new SampleHostStartupOptions
{
    IsProduction = builder.Environment.IsProduction(),
    SimulatorEnabled = builder.Configuration.GetValue(SampleHostStartupOptions.SimulatorEnabledSetting, true),
    DemoMode = builder.Configuration.GetValue(SampleHostStartupOptions.DemoModeSetting, false),
};
if (ReferenceSettings.ApplyLogLevel(builder.Configuration) is { } logLevelError)
{
    startup.ConfigurationErrors.Add(logLevelError);
}

var selfUrl = (builder.Configuration["Urls"] ?? "http://127.0.0.1:5080").Split(';')[0].TrimEnd('/');
var simulatorEnabled = startup.SimulatorEnabled;

// Every logger masks secrets other components put into log text (the iCal feed token in request paths, credentials).
RedactingLoggerFactory.Register(builder.Services);
builder.Services.AddProblemDetails();
var channelManager = builder.Services
    .AddChannelManager(o => builder.Configuration.GetSection("ChannelManager").Bind(o))
    .AddHttpEndpoints(o =>
    {
        // Every caller is authenticated by an API key of one tenant (below); none falls back to a default tenant.
        o.TenantClaimType = SampleHostSecurity.TenantClaimType;
        o.DefaultTenantId = null;
    })
    .AddDashboard(o => builder.Configuration.GetSection("ChannelManager:Dashboard").Bind(o));

// API keys per tenant, hashed at rest (SampleHost:ApiKeys:{tenant} = SHA-256 hex). With none configured, the demo
// (simulator on, or Development) generates a key per demo tenant and prints it once; otherwise every secured route
// answers 401 until keys are configured.
var apiKeys = builder.AddApiKeyAuthentication(builder.Environment.IsDevelopment() || (simulatorEnabled && (!startup.IsProduction || startup.DemoMode)), selfUrl);

// Metrics (Prometheus at /metrics), traces (OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set) and health checks (/health).
builder.AddSampleTelemetry(channelManager);

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
    // Production parts when their connection strings are given (ConnectionStrings__Redis / ConnectionStrings__Postgres,
    // else the reference's REDIS_URL / DATABASE_URL); embedded defaults (in-process bus, in-memory stores) otherwise.
    var redis = SampleHostConnections.Redis(builder.Configuration);
    if (redis.ConnectionString is { } redisConnection)
    {
        channelManager.UseRedisStreams(o =>
        {
            builder.Configuration.GetSection("ChannelManager:RedisStreams").Bind(o);
            o.ConnectionString = redisConnection;
        });
    }

    var postgres = SampleHostConnections.Postgres(builder.Configuration);
    if (postgres.ConnectionString is { } postgresConnection)
    {
        channelManager.UsePostgres(o =>
        {
            builder.Configuration.GetSection("ChannelManager:Postgres").Bind(o);
            o.ConnectionString = postgresConnection;
        });

        // Opt-in: the sample PMS also records the bookings it receives in PostgreSQL (shared by every worker process).
        if (builder.Configuration.GetValue(DurablePmsBookingSink.EnabledSetting, false))
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<IPmsBookingSink>(sp => new DurablePmsBookingSink(postgresConnection, sp.GetRequiredService<InMemoryPmsBookingSink>())));
        }
    }

    foreach (var error in new[] { redis.Error, postgres.Error }.OfType<string>())
    {
        startup.ConfigurationErrors.Add(error);
    }

    startup.HasTenantApiKeys = apiKeys.HasTenantKeys;
    startup.HasPostgres = postgres.IsConfigured;
    startup.EnabledPlatformCount = platforms.Count;
    startup.PlatformCredentialKeys = string.Join(", ", SamplePlatforms.All.Select(p => SamplePlatforms.CredentialKeys[p][0]));
    builder.Services.AddSingleton<IValidateOptions<SampleHostStartupOptions>, SampleHostStartupValidator>();
    builder.Services.AddOptions<SampleHostStartupOptions>().Configure(startup.CopyTo).ValidateOnStart();

    var mode = $"bus: {(redis.IsConfigured ? "Redis Streams" : "in-process")}, store: {(postgres.IsConfigured ? "PostgreSQL" : "in-memory")}";
    var app = builder.Build();
    app.UseChannelManagerHttpMetrics();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseAuthentication();
    app.UseAuthorization();

    // The management API for a tenant's key, the cross-tenant operations API for an operator's key; the webhooks,
    // the iCal and Vrbo feeds (each with its own authentication) and the webhook health stay anonymous.
    app.MapChannelManager().RequireAuthorization(SampleHostSecurity.TenantPolicy);
    app.MapChannelManagerOperations().RequireAuthorization(SampleHostSecurity.OperatorPolicy);
    app.MapChannelManagerDashboard().RequireAuthorization(SampleHostSecurity.TenantPolicy); // the page at /dashboard, its live status for a tenant's key
    if (platforms.Contains(Platform.ICal))
    {
        app.MapChannelManagerICalFeeds(); // GET /ical/{tenant}/{connection}/{token}.ics
    }

    if (platforms.Contains(Platform.FewoDirekt))
    {
        app.MapChannelManagerFewoDirektFeeds(SamplePlatforms.FewoDirektFeedPrefix); // GET /fewo-direkt/advertisers …, HTTP Basic
    }

    SamplePmsEndpoints.Map(app, selfUrl);
    app.MapSampleTelemetry();
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
