using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using ChannelManager.Chaos.Faults;
using ChannelManager.Chaos.Hosting;
using ChannelManager.Chaos.Load;
using ChannelManager.Chaos.Verification;
using ChannelManager.Connections;
using ChannelManager.Simulator;
using ChannelManager.Testing;
using Npgsql;
using StackExchange.Redis;

namespace ChannelManager.Chaos;

/// <summary>
/// One chaos run, everything on 127.0.0.1: redis-server and PostgreSQL (throwaway servers), the platform simulator
/// (in this process), a front proxy for the platforms' webhooks, and N sample-host worker processes sharing one
/// consumer group; connections for every property on five platforms created through the API; then the load with the
/// chaos, the wait for quiescence, and the verdict, printed.
/// </summary>
internal static class ChaosRun
{
    /// <summary>Runs it and prints as it goes.</summary>
    /// <param name="options">The run's size.</param>
    /// <param name="output">Where to print.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The final verdict.</returns>
    public static async Task<ChaosVerdict> RunAsync(ChaosOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        var total = Stopwatch.StartNew();
        var logDirectory = options.LogDirectory ?? Directory.CreateTempSubdirectory("cm-chaos-").FullName;
        Directory.CreateDirectory(logDirectory);
        output.WriteLine($"Chaos run: {options}");
        output.WriteLine($"Machine: {MachineInfo.Describe()}");
        output.WriteLine($"Worker logs: {logDirectory}");

        var redisStart = RedisTestServer.StartAsync();
        var postgresStart = PostgresTestServer.StartAsync();
        await using var redis = await redisStart;
        await using var postgres = await postgresStart;
        var database = await postgres.CreateDatabaseAsync("chaos");
        var credentials = new ChaosCredentials();
        var front = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var simulator = await PlatformSimulator.StartAsync(credentials.SimulatorOptions(front), cancellationToken);
        var dll = SampleHostDll();
        var workers = Enumerable.Range(1, options.Workers)
            .Select(i => { var port = FreePort.Next(); return new WorkerProcess(i, port, dll, credentials.WorkerEnvironment(port, simulator, front, redis.ConnectionString, database), logDirectory); })
            .ToList();
        await using var pool = new WorkerPool(workers);
        await using var proxy = new FrontProxy(pool, front.Port);
        await proxy.StartAsync();
        using var redisClient = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        using var api = new WorkerApi(pool, credentials.ApiKey);
        try
        {
            // The first worker applies the migrations alone; the others start together.
            await workers[0].StartAsync(TimeSpan.FromMinutes(3), cancellationToken);
            await Task.WhenAll(workers.Skip(1).Select(w => w.StartAsync(TimeSpan.FromMinutes(3), cancellationToken)));
            output.WriteLine($"[{total.Elapsed.TotalSeconds,6:0.0} s] {workers.Count} workers up (ports {string.Join(", ", workers.Select(w => w.Port))}), simulator {simulator.BaseAddress}, front proxy {front}, Redis :{redis.Port}, PostgreSQL :{postgres.Port}");

            var properties = Enumerable.Range(1, options.Properties).Select(i => new ChaosProperty(i, Guid.CreateVersion7())).ToList();
            foreach (var property in properties)
            {
                foreach (var platform in ChaosProperty.Platforms)
                {
                    await ConnectAsync(api, property, platform, cancellationToken);
                }
            }

            output.WriteLine($"[{total.Elapsed.TotalSeconds,6:0.0} s] {properties.Count * ChaosProperty.Platforms.Count} connections created through the API");
            var firstNight = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
            var pms = new PmsLoad(api, properties, options, firstNight);
            var platforms = new PlatformLoad(simulator, properties, options, firstNight);
            var monkey = new ChaosMonkey(options, pool, redis, postgres, simulator);

            output.WriteLine($"[{total.Elapsed.TotalSeconds,6:0.0} s] load and chaos for {options.LoadDuration.TotalSeconds:0} s:");
            var loadClock = Stopwatch.StartNew();
            using (var stop = new CancellationTokenSource(options.LoadDuration))
            {
                await Task.WhenAll(pms.RunAsync(stop.Token), platforms.RunAsync(stop.Token), monkey.RunAsync(cancellationToken));
            }

            var loadSeconds = loadClock.Elapsed.TotalSeconds;
            simulator.State.ClearFaults();
            foreach (var worker in workers.Where(w => !w.IsLive))
            {
                await worker.StartAsync(TimeSpan.FromMinutes(3), cancellationToken);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{total.Elapsed.TotalSeconds,6:0.0} s] load over after {loadSeconds:0} s: {pms.Acknowledged.Count} PMS events acknowledged ({pms.Acknowledged.Count / loadSeconds:0.#}/s), {platforms.Created.Count} platform bookings; {monkey.KillsDone} kills, {monkey.RedisRestartsDone} Redis and {monkey.PostgresRestartsDone} PostgreSQL restarts, {monkey.StormsDone} fault storms; API requests retried {api.Retries}, webhooks/feed reads through the proxy {proxy.Forwarded} (retried {proxy.Retried}, failed {proxy.Failed}); worker starts {string.Join("/", workers.Select(w => w.Starts))}"));

            // Quiescence: the checks are repeated until they all hold twice in a row (the calendars stopped changing)
            // or the bound is reached; the last pass is the verdict.
            var verifier = new ChaosVerifier(postgres.SuperuserConnectionString(database), redisClient, simulator, properties, pms, platforms, firstNight, options.WindowDays);
            var settle = Stopwatch.StartNew();
            ChaosVerdict verdict;
            var held = 0;
            while (true)
            {
                verdict = await verifier.VerifyAsync(cancellationToken);
                held = verdict.Passed ? held + 1 : 0;
                if (!verdict.Passed && settle.Elapsed.TotalSeconds % 30 < 4)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{total.Elapsed.TotalSeconds,6:0.0} s] settling: {string.Join("; ", verdict.Checks.Where(c => !c.Passed).Select(c => c.Name + ": " + c.Summary))}"));
                }

                if (held >= 2 || settle.Elapsed > options.QuiescenceTimeout)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(held > 0 ? 6 : 3), cancellationToken);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{total.Elapsed.TotalSeconds,6:0.0} s] {(verdict.Passed ? "settled" : "did NOT settle")} {settle.Elapsed.TotalSeconds:0} s after the load (bound {options.QuiescenceTimeout.TotalSeconds:0} s)"));
            output.WriteLine();
            output.WriteLine("Chaos verdict");
            foreach (var check in verdict.Checks)
            {
                output.WriteLine($"  [{(check.Passed ? "PASS" : "FAIL")}] {check.Name}: {check.Summary}");
                foreach (var difference in check.Differences)
                {
                    output.WriteLine($"         - {difference}");
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  => {(verdict.Passed ? "PASSED" : "FAILED")} in {total.Elapsed.TotalMinutes:0.0} min; load average now {MachineInfo.LoadAverage()}"));
            return verdict;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
        }
    }

    private static async Task ConnectAsync(WorkerApi api, ChaosProperty property, Platform platform, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>
        {
            ["property_id"] = property.PropertyId.ToString(),
            ["platform_type"] = platform.ToWireName(),
            ["platform_listing_id"] = property.ListingOf(platform),
            ["access_token"] = "chaos-token-" + property.Index.ToString(CultureInfo.InvariantCulture),
            ["platform_metadata"] = property.MetadataOf(platform),
        };
        var (status, text) = await api.SendAsync(HttpMethod.Post, "channel-connections", body, TimeSpan.FromMinutes(2), cancellationToken);

        // A create retried after a lost answer finds its listing connected already (409): the first one took.
        if (status is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
        {
            throw new InvalidOperationException($"creating the {platform.ToWireName()} connection of property {property.Index} failed: {(int)status} {text}");
        }
    }

    /// <summary>The sample host's build output (same configuration as this program), or <c>CHAOS_SAMPLE_HOST_DLL</c>.</summary>
    private static string SampleHostDll()
    {
        if (Environment.GetEnvironmentVariable("CHAOS_SAMPLE_HOST_DLL") is { Length: > 0 } configured)
        {
            return configured;
        }

        var configuration = typeof(ChaosRun).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ChannelManager.sln")))
        {
            directory = directory.Parent;
        }

        var dll = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("ChannelManager.sln not found above " + AppContext.BaseDirectory), "samples", "ChannelManager.SampleHost", "bin", configuration, "net10.0", "ChannelManager.SampleHost.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the sample host first (dotnet build -c {configuration}).", dll);
    }
}
