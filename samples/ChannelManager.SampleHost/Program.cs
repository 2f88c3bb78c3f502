using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ChannelManager.Simulator;
using ChannelManager.SampleHost.Pms;

// The whole system in one process on embedded defaults: the API, the sync workers (in-memory stores, in-process
// bus) and — unless Simulator:Enabled is false — the platform simulator on loopback, wired so that its webhooks
// reach this host. No Redis, no PostgreSQL, no secrets to fill in: the webhook secret is generated per run unless
// AIRBNB_WEBHOOK_SECRET is set.
var builder = WebApplication.CreateBuilder(args);
var selfUrl = (builder.Configuration["Urls"] ?? "http://127.0.0.1:5080").Split(';')[0].TrimEnd('/');

// The simulator's port is chosen before the host is built (so the Airbnb adapter can be pointed at it), and the
// simulator itself is started after: the host must be the first one built in the process (WebApplicationFactory
// in tests captures the first).
var simulatorEnabled = builder.Configuration.GetValue("Simulator:Enabled", true);
var simulatorPort = builder.Configuration.GetValue("Simulator:Port", 0);
if (simulatorEnabled && simulatorPort == 0)
{
    simulatorPort = FreeLoopbackPort();
}

var simulatorAddress = new Uri($"http://127.0.0.1:{simulatorPort}/");
var airbnbWebhookSecret = builder.Configuration["AIRBNB_WEBHOOK_SECRET"];
if (simulatorEnabled)
{
    airbnbWebhookSecret ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}

builder.Services.AddProblemDetails();
var channelManager = builder.Services
    .AddChannelManager(o => builder.Configuration.GetSection("ChannelManager").Bind(o))
    .AddHttpEndpoints()
    .AddAirbnb(o =>
    {
        if (simulatorEnabled)
        {
            o.BaseUrl = new Uri(simulatorAddress, "airbnb/");
            o.ClientId ??= "sample-host";
            o.WebhookSecret = airbnbWebhookSecret;
        }
    });

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
PlatformSimulator? simulator = null;
if (simulatorEnabled)
{
    simulator = await PlatformSimulator.StartAsync(new PlatformSimulatorOptions
    {
        Port = simulatorPort,
        Airbnb = { WebhookUrl = new Uri(selfUrl + "/webhooks/airbnb"), WebhookSecret = airbnbWebhookSecret },
    });
}

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapChannelManager();
SamplePmsEndpoints.Map(app);
app.MapGet("/", () => Results.Text(SamplePmsEndpoints.Index(selfUrl, simulator?.BaseAddress, mode), "text/plain"));

app.Lifetime.ApplicationStarted.Register(() =>
{
    app.Logger.LogInformation("ChannelManager sample host listening on {Url} ({Mode})", selfUrl, mode);
    if (simulator is not null)
    {
        app.Logger.LogInformation("Platform simulator on {Url} (Airbnb API at {Airbnb})", simulator.BaseAddress, simulator.AirbnbBaseAddress);
    }
});

await app.RunAsync();
if (simulator is not null)
{
    await simulator.DisposeAsync();
}

static int FreeLoopbackPort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

/// <summary>The sample host's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
