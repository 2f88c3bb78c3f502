using System.Diagnostics;
using System.Globalization;
using ChannelManager.Benchmarks.Latency;
using ChannelManager.Benchmarks.Workers;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Simulator;
using ChannelManager.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChannelManager.Benchmarks.Scale;

/// <summary>
/// <c>scale [--store memory|postgres] [--connections N] [--steady S] [--permits-per-second N]</c>: a worker process
/// (this app as <c>scale-worker</c>, so that the simulator and the harness stay out of its memory) runs the engine with
/// every hosted service (dispatcher, scheduled reservation pulls, reconciler, …) on the in-memory stores or on
/// PostgreSQL, and the Airbnb adapter pointed at the simulator in this process. The worker creates N Airbnb
/// connections through <see cref="ChannelConnectionService"/>; its resident memory is printed after the start, after
/// the connections are stored, after the simulator holds every connection's initial full-window push (one full sync
/// cycle), and again after a steady period.
/// </summary>
internal static class ScaleBenchmark
{
    private const string Tenant = "bench";
    private const string ClientId = "bench-airbnb";
    private const string ClientSecret = "bench-airbnb-client-secret";
    private const string WebhookSecret = "bench-airbnb-webhook-secret-0123456789";

    public static async Task<int> RunAsync(string[] args)
    {
        var store = LatencyBenchmark.Arg(args, "--store") ?? "memory";
        var connections = LatencyBenchmark.Arg(args, "--connections", 10_000);
        var steady = LatencyBenchmark.Arg(args, "--steady", 30);
        var permits = LatencyBenchmark.Arg(args, "--permits-per-second", 1_000);
        MachineInfo.Print();
        Console.WriteLine($"scale: {connections:N0} Airbnb connections, {store} store, platform rate limit {permits:N0} calls/s (default 20: a full sync of {connections:N0} listings would take {connections / 20 / 60} min), every other option at its default");
        await using var simulator = await PlatformSimulator.StartAsync(new PlatformSimulatorOptions { Airbnb = { ClientId = ClientId, ClientSecret = ClientSecret, WebhookSecret = WebhookSecret } }).ConfigureAwait(false);
        PostgresTestServer? postgres = null;
        string database = "-";
        if (store == "postgres")
        {
            postgres = await PostgresTestServer.StartAsync().ConfigureAwait(false);
            database = await postgres.CreateDatabaseAsync("scale").ConfigureAwait(false);
        }

        try
        {
            var clock = Stopwatch.StartNew();
            await using var worker = ChildWorker.Start("scale-worker", "scale-worker", "--simulator", simulator.AirbnbBaseAddress.AbsoluteUri, "--store", store, "--postgres", database, "--connections", connections.ToString(CultureInfo.InvariantCulture), "--permits-per-second", permits.ToString(CultureInfo.InvariantCulture));
            await worker.WaitForLineAsync("loaded", TimeSpan.FromMinutes(15)).ConfigureAwait(false);
            var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
            while (true)
            {
                var missing = Enumerable.Range(0, connections).Count(i => simulator.State.GetDay(Platform.Airbnb, Listing(i), tomorrow) is null);
                if (missing == 0)
                {
                    break;
                }

                if (clock.Elapsed > TimeSpan.FromMinutes(20))
                {
                    throw new TimeoutException($"{missing} listings never got their initial calendar");
                }

                await Task.Delay(1_000).ConfigureAwait(false);
            }

            Console.WriteLine($"the simulator holds the initial full-window push of all {connections:N0} listings {clock.Elapsed.TotalSeconds:F0} s after the worker started");
            await worker.SendAsync("measure after one full sync of every connection").ConfigureAwait(false);
            await worker.WaitForLineAsync("memory after one full sync", TimeSpan.FromMinutes(1)).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(steady)).ConfigureAwait(false);
            await worker.SendAsync($"measure steady, {steady} s later").ConfigureAwait(false);
            await worker.WaitForLineAsync("memory steady", TimeSpan.FromMinutes(1)).ConfigureAwait(false);
            await worker.SendAsync("collect").ConfigureAwait(false);
            await worker.WaitForLineAsync("memory after a full blocking GC", TimeSpan.FromMinutes(1)).ConfigureAwait(false);
            MachineInfo.PrintLoad("load average at the end");
            return 0;
        }
        finally
        {
            if (postgres is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await postgres.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The worker process: the engine and N connections; answers <c>measure …</c> and <c>collect</c> lines on its input.</summary>
    public static async Task<int> RunWorkerAsync(string[] args)
    {
        var simulator = new Uri(LatencyBenchmark.Arg(args, "--simulator") ?? throw new ArgumentException("--simulator"));
        var store = LatencyBenchmark.Arg(args, "--store") ?? "memory";
        var database = LatencyBenchmark.Arg(args, "--postgres");
        var connections = LatencyBenchmark.Arg(args, "--connections", 10_000);
        var permits = LatencyBenchmark.Arg(args, "--permits-per-second", 1_000);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        var channelManager = builder.Services
            .AddChannelManager(o =>
            {
                o.DefaultResilience.PermitsPerSecond = permits;
                o.DefaultResilience.BurstLimit = permits;
            })
            .AddAirbnb(o =>
            {
                o.BaseUrl = simulator;
                o.ClientId = ClientId;
                o.ClientSecret = ClientSecret;
                o.WebhookSecret = WebhookSecret;
            });
        if (store == "postgres")
        {
            channelManager.UsePostgres(o => o.ConnectionString = database ?? throw new ArgumentException("--postgres")).UseTokenEncryption(o => o.Keys.Add(TestTokenKeys.Current));
        }

        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        Console.WriteLine($"memory after the start, no connections: {MemoryReport.Describe()}");
        var service = host.Services.GetRequiredService<ChannelConnectionService>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < connections; i++)
        {
            await service.CreateAsync(Tenant, new NewChannelConnection
            {
                PropertyId = Guid.NewGuid(),
                PlatformType = "airbnb",
                PlatformListingId = Listing(i),
                AccessToken = "bench-token",
            }).ConfigureAwait(false);
        }

        Console.WriteLine($"loaded {connections:N0} connections in {clock.Elapsed.TotalSeconds:F1} s; memory: {MemoryReport.Describe()}");
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("measure ", StringComparison.Ordinal))
            {
                Console.WriteLine($"memory {line["measure ".Length..]}: {MemoryReport.Describe()}");
            }
            else if (line == "collect")
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                Console.WriteLine($"memory after a full blocking GC: {MemoryReport.Describe()}");
            }
        }

        await host.StopAsync().ConfigureAwait(false);
        return 0;
    }

    private static string Listing(int i) => (1_000_000 + i).ToString(CultureInfo.InvariantCulture);
}
