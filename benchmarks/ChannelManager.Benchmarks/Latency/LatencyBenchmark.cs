using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ChannelManager.Benchmarks.Workers;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Events;
using ChannelManager.Inventory;
using ChannelManager.SampleHost.Platforms;
using ChannelManager.Simulator;
using ChannelManager.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Benchmarks.Latency;

/// <summary>
/// <c>latency [--properties N] [--rate N] [--seconds N] [--warmup N] [--permits-per-second N] [--dispatch-concurrency N] [--dispatch-per-platform N]</c>: a host on Redis Streams with default options
/// and the five adapters pointed at the in-process platform simulator; N properties with one connection per platform;
/// a paced publisher of <c>booking.confirmed</c> events (each on one property, source = one of its platforms, fresh
/// nights every time). Per event, the latency runs from the publish call to the moment every other platform holds the
/// closed nights: for Airbnb, Booking.com, Expedia and Google the simulator's calendar (polled by a dedicated thread
/// about every millisecond), for Vrbo / FeWo-direkt (pull model: it reads the feeds served from the ledger) the ledger
/// commit of the booking.
/// </summary>
internal static class LatencyBenchmark
{
    private const string Tenant = "bench";

    /// <summary>No host receives the platforms' webhooks here: the address Google Pub/Sub pushes would be meant for.</summary>
    private const string NoHostUrl = "http://127.0.0.1:9";
    private const int NightsPerStay = 2;
    private static readonly Platform[] Platforms = [Platform.Airbnb, Platform.BookingCom, Platform.Expedia, Platform.FewoDirekt, Platform.Google];
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static async Task<int> RunAsync(string[] args)
    {
        var properties = Arg(args, "--properties", 1_000);
        var rate = Arg(args, "--rate", 1_000);
        var seconds = Arg(args, "--seconds", 30);
        var warmup = Arg(args, "--warmup", 10);
        var permits = Arg(args, "--permits-per-second", 0); // 0: the default platform rate limit (20 calls/s, burst 20)
        var dispatchConcurrency = Arg(args, "--dispatch-concurrency", 0); // 0: the default (32)
        var dispatchPerPlatform = Arg(args, "--dispatch-per-platform", 0); // 0: the default (12)
        var total = rate * (seconds + warmup);
        var warmupEvents = rate * warmup;
        if ((total / properties * 3) + 10 > 480)
        {
            await Console.Error.WriteLineAsync("too many events per property for the 500-night sync window").ConfigureAwait(false);
            return 2;
        }

        MachineInfo.Print();
        Console.WriteLine($"latency: {properties:N0} properties x {Platforms.Length} platforms, {rate:N0} booking.confirmed/s for {warmup} s warm-up + {seconds} s measured, platform rate limit {(permits > 0 ? $"{permits:N0} calls/s (burst {permits:N0})" : "default (20 calls/s, burst 20)")}, dispatch concurrency {(dispatchConcurrency > 0 ? dispatchConcurrency.ToString(CultureInfo.InvariantCulture) : "default (32)")}, per platform {(dispatchPerPlatform > 0 ? dispatchPerPlatform.ToString(CultureInfo.InvariantCulture) : "default (12)")}, every other option at its default");
        RedisTestServer? server = null;
        var redis = Environment.GetEnvironmentVariable("CM_BENCH_REDIS");
        if (string.IsNullOrWhiteSpace(redis))
        {
            server = await RedisTestServer.StartAsync().ConfigureAwait(false);
            redis = server.ConnectionString;
        }

        var credentials = new SimulatedPlatformCredentials();
        await using var simulator = await PlatformSimulator.StartAsync(credentials.ToSimulatorOptionsWithoutHost()).ConfigureAwait(false);
        var ledger = new BookingCommitClock(total);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IInventoryLedger>(ledger);
        credentials.AddAdapters(
            builder.Services.AddChannelManager(o =>
            {
                if (permits > 0)
                {
                    o.DefaultResilience.PermitsPerSecond = permits;
                    o.DefaultResilience.BurstLimit = permits;
                }

                if (dispatchConcurrency > 0)
                {
                    o.DispatchConcurrency = dispatchConcurrency;
                }

                if (dispatchPerPlatform > 0)
                {
                    o.DispatchConcurrencyPerPlatform = dispatchPerPlatform;
                }
            }).UseRedisStreams(o =>
            {
                o.ConnectionString = redis;
                o.StreamName = "bench_latency_" + Guid.NewGuid().ToString("N"); // every other option at its default
            }),
            simulator,
            NoHostUrl);
        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        try
        {
            var propertyIds = Enumerable.Range(0, properties).Select(_ => Guid.NewGuid()).ToArray();
            var connections = host.Services.GetRequiredService<ChannelConnectionService>();
            var clock = Stopwatch.StartNew();
            for (var p = 0; p < properties; p++)
            {
                foreach (var platform in Platforms)
                {
                    await connections.CreateAsync(Tenant, new NewChannelConnection
                    {
                        PropertyId = propertyIds[p],
                        PlatformType = platform.ToWireName(),
                        PlatformListingId = Listing(p, platform),
                        AccessToken = "bench-token",
                        PlatformMetadata = platform == Platform.FewoDirekt
                            ? new Dictionary<string, string> { ["advertiser_id"] = "bench-advertiser", ["currency"] = "EUR" }
                            : new Dictionary<string, string> { ["rate_plan_id"] = "987654", ["currency"] = "EUR" },
                    }).ConfigureAwait(false);
                }
            }

            Console.WriteLine($"{properties * Platforms.Length:N0} connections created in {clock.Elapsed.TotalSeconds:F1} s");
            var firstNight = Today.AddDays(2);
            while (true)
            {
                var missing = 0;
                for (var p = 0; p < properties; p++)
                {
                    foreach (var platform in Platforms)
                    {
                        if (platform != Platform.FewoDirekt && simulator.State.GetDay(platform, Listing(p, platform), firstNight) is null)
                        {
                            missing++;
                        }
                    }
                }

                if (missing == 0)
                {
                    break;
                }

                if (clock.Elapsed > TimeSpan.FromMinutes(10))
                {
                    throw new TimeoutException($"{missing} listings never got their initial calendar");
                }

                await Task.Delay(500).ConfigureAwait(false);
            }

            Console.WriteLine($"initial full-window pushes of {properties * 4:N0} push listings landed {clock.Elapsed.TotalSeconds:F1} s after the start of the creation");
            await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            MachineInfo.PrintLoad("load average before the paced run");

            var publishedAt = new long[total];
            var closedAt = new long[total * Platforms.Length];
            var doneAt = new long[total];
            var published = new ConcurrentQueue<int>();
            using var stop = new CancellationTokenSource();
            var watcher = new Thread(() => Watch(simulator, ledger, properties, publishedAt, closedAt, doneAt, published, stop.Token)) { IsBackground = true, Name = "closure watcher" };
            watcher.Start();

            var service = host.Services.GetRequiredService<EventService>();
            var inFlight = new List<Task>(total);
            var start = Stopwatch.GetTimestamp();
            var cpu = Environment.CpuUsage.TotalTime;
            var pushesBefore = simulator.State.Calls.Count;
            var sent = 0;
            while (sent < total)
            {
                var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate) + 1);
                for (; sent < due; sent++)
                {
                    var (p, k, source) = Shape(sent, properties);
                    var checkIn = Today.AddDays(2 + (3 * k));
                    publishedAt[sent] = Stopwatch.GetTimestamp();
                    published.Enqueue(sent);
                    inFlight.Add(service.PublishAsync(Tenant, propertyIds[p], new BookingConfirmed
                    {
                        BookingId = "b" + sent.ToString(CultureInfo.InvariantCulture),
                        CheckIn = checkIn,
                        CheckOut = checkIn.AddDays(NightsPerStay),
                        Source = source.ToWireName(),
                    }));
                }

                await Task.Delay(1).ConfigureAwait(false);
            }

            await Task.WhenAll(inFlight).ConfigureAwait(false);
            var publishing = Stopwatch.GetElapsedTime(publishedAt[warmupEvents], publishedAt[total - 1]).TotalSeconds;
            MachineInfo.PrintLoad("load average at the end of publishing");
            var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
            while (Enumerable.Range(warmupEvents, total - warmupEvents).Any(i => Volatile.Read(ref doneAt[i]) == 0) && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }

            await stop.CancelAsync().ConfigureAwait(false);
            watcher.Join();
            var wall = Stopwatch.GetElapsedTime(start);
            var recorded = simulator.State.Calls;
            var calls = recorded.Count - pushesBefore;
            var statuses = recorded.Skip(pushesBefore).GroupBy(c => (c.Platform, c.StatusCode)).OrderBy(g => g.Key.Platform).Select(g => $"{g.Key.Platform} {g.Key.StatusCode}: {g.Count():N0}");
            Console.WriteLine($"simulator answers during the run: {string.Join(", ", statuses)}; its own handling time p99 {Describe(recorded.Skip(pushesBefore).Select(c => c.Duration.TotalMilliseconds))}");
            Console.WriteLine($"from the first publish until all closed ({wall.TotalSeconds:F1} s): this process used {(Environment.CpuUsage.TotalTime - cpu).TotalSeconds / wall.TotalSeconds:F2} cores on average; the simulator received {calls:N0} calls ({calls / wall.TotalSeconds:N0}/s, {(double)calls / total:F2} per event)");

            var measured = Enumerable.Range(warmupEvents, total - warmupEvents).ToArray();
            var unfinished = measured.Count(i => doneAt[i] == 0);
            Console.WriteLine($"published {measured.Length:N0} measured events (after {warmupEvents:N0} warm-up events) at {(measured.Length - 1) / publishing:N0} events/s achieved (target {rate:N0}/s); {unfinished} not closed everywhere within 60 s");
            Console.WriteLine($"publish -> every other platform holds the closed nights: {Describe(measured.Where(i => doneAt[i] != 0).Select(i => Ms(publishedAt[i], doneAt[i])))}");
            foreach (var platform in Platforms)
            {
                var j = Array.IndexOf(Platforms, platform);
                var what = platform == Platform.FewoDirekt ? "ledger commit (Vrbo reads the feeds served from it)" : "simulator calendar closed";
                Console.WriteLine($"  {platform,-10} {what}: {Describe(measured.Where(i => closedAt[(i * Platforms.Length) + j] != 0).Select(i => Ms(publishedAt[i], closedAt[(i * Platforms.Length) + j])))}");
            }

            return unfinished == 0 ? 0 : 1;
        }
        finally
        {
            await host.StopAsync().ConfigureAwait(false);
            host.Dispose(); // closes the Redis connections before the server goes, so nothing logs a lost socket
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Event <paramref name="i"/>: its property, the how-many-th booking of that property it is, and its source platform.</summary>
    private static (int Property, int Round, Platform Source) Shape(int i, int properties)
    {
        var p = i % properties;
        var k = i / properties;
        return (p, k, Platforms[(p + k) % Platforms.Length]);
    }

    /// <summary>Polls, about every millisecond, the events still open: each other platform's nights in the simulator, and the ledger commit for Vrbo.</summary>
    private static void Watch(PlatformSimulator simulator, BookingCommitClock ledger, int properties, long[] publishedAt, long[] closedAt, long[] doneAt, ConcurrentQueue<int> published, CancellationToken stop)
    {
        var pending = new List<int>();
        while (!stop.IsCancellationRequested)
        {
            while (published.TryDequeue(out var next))
            {
                pending.Add(next);
            }

            for (var n = pending.Count - 1; n >= 0; n--)
            {
                var i = pending[n];
                var (p, k, source) = Shape(i, properties);
                var checkIn = Today.AddDays(2 + (3 * k));
                var done = true;
                long last = 0;
                for (var j = 0; j < Platforms.Length; j++)
                {
                    var platform = Platforms[j];
                    if (platform == source)
                    {
                        continue;
                    }

                    ref var at = ref closedAt[(i * Platforms.Length) + j];
                    if (at == 0)
                    {
                        if (platform == Platform.FewoDirekt)
                        {
                            at = ledger.CommittedAt(i);
                        }
                        else
                        {
                            var seen = Stopwatch.GetTimestamp();
                            var closed = true;
                            for (var d = 0; d < NightsPerStay && closed; d++)
                            {
                                closed = simulator.State.GetDay(platform, Listing(p, platform), checkIn.AddDays(d)) is { IsAvailable: false } or { AvailableCount: 0 };
                            }

                            if (closed)
                            {
                                at = seen;
                            }
                        }
                    }

                    if (at == 0)
                    {
                        done = false;
                    }
                    else
                    {
                        last = Math.Max(last, at);
                    }
                }

                if (done)
                {
                    Volatile.Write(ref doneAt[i], Math.Max(last, publishedAt[i]));
                    pending[n] = pending[^1];
                    pending.RemoveAt(pending.Count - 1);
                }
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>Numeric ids as every platform accepts them; Booking.com and Expedia name a room as <c>{hotel}:{room}</c>.</summary>
    private static string Listing(int property, Platform platform) =>
        platform is Platform.BookingCom or Platform.Expedia ? $"{100_000 + property}:1" : (100_000 + property).ToString(CultureInfo.InvariantCulture);

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static string Describe(IEnumerable<double> values)
    {
        var ms = values.Order().ToArray();
        if (ms.Length == 0)
        {
            return "no samples";
        }

        double At(double q) => ms[Math.Min(ms.Length - 1, (int)(ms.Length * q))];
        return $"n={ms.Length:N0} p50 {At(0.50):F1} ms, p90 {At(0.90):F1} ms, p99 {At(0.99):F1} ms, max {ms[^1]:F1} ms";
    }

    internal static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
    }

    internal static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
