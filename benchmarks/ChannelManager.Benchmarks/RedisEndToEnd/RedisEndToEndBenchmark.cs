using System.Diagnostics;
using System.Globalization;
using ChannelManager.Adapters;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Events;
using ChannelManager.Inventory;
using ChannelManager.Simulator;
using ChannelManager.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChannelManager.Benchmarks.RedisEndToEnd;

/// <summary>
/// <c>redis-e2e [--events N]</c>: an end-to-end load run of the Redis Streams transport (not a BenchmarkDotNet
/// micro-benchmark). (a) The ceiling: a bare StackExchange.Redis loop — producer <c>XADD</c>s while a consumer
/// <c>XREADGROUP</c>s 100 at a time and <c>XACK</c>s each batch. (b) Ours: <c>pricing.updated</c> events
/// published through <see cref="EventService"/> into a host running <c>AddChannelManager().UseRedisStreams(…)</c>
/// with default options, consumed by the engine's worker (idempotency check, sync engine, mark, acknowledgement)
/// and pushed by the dispatcher through the Airbnb adapter over HTTP to the platform simulator (Kestrel on loopback). Prints events/s for both, the ratio, and the
/// publish→handled latency (at full load, and paced well below capacity).
/// Redis: <c>CM_BENCH_REDIS</c> (a StackExchange.Redis configuration string) if set, otherwise a throwaway
/// redis-server started on a free loopback port.
/// </summary>
internal static class RedisEndToEndBenchmark
{
    private const string Tenant = "bench";
    private const int Publishers = 1000;
    private const string Listing = "bench-listing";
    private static readonly string WebhookSecret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static async Task<int> RunAsync(string[] args)
    {
        var events = 200_000;
        var runs = 3;
        string? only = null;
        AllocationSampler? sampler = null;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--events" && i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                events = n;
            }
            else if (args[i] == "--runs" && i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0)
            {
                runs = r;
            }
            else if (args[i] == "--allocations")
            {
                sampler = new AllocationSampler();
            }
            else if (args[i] == "--only" && i + 1 < args.Length && args[i + 1] is "raw" or "ours")
            {
                only = args[++i];
            }
            else
            {
                await Console.Error.WriteLineAsync("usage: redis-e2e [--events N] [--runs N] [--only raw|ours] [--allocations]").ConfigureAwait(false);
                return 2;
            }
        }

        RedisTestServer? server = null;
        var connectionString = Environment.GetEnvironmentVariable("CM_BENCH_REDIS");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            server = await RedisTestServer.StartAsync().ConfigureAwait(false);
            connectionString = server.ConnectionString;
        }

        try
        {
            Console.WriteLine($"redis-e2e: {events:N0} events, {Environment.ProcessorCount} cores, .NET {Environment.Version}, Redis {await ServerVersionAsync(connectionString).ConfigureAwait(false)} ({(server is null ? "CM_BENCH_REDIS" : "throwaway redis-server")})");
            var raw = double.NaN;
            if (only != "ours")
            {
                for (var w = 0; w < 2; w++)
                {
                    await RawLoopAsync(connectionString, events, "raw warm-up").ConfigureAwait(false); // JIT tiers
                }

                var rates = new List<double>();
                for (var r = 0; r < runs; r++)
                {
                    rates.Add(await RawLoopAsync(connectionString, events).ConfigureAwait(false));
                }

                raw = Median(rates);
                Console.WriteLine($"(a) raw XADD/XREADGROUP COUNT 100/XACK loop: {raw:N0} events/s (median of {Runs(rates)})");
            }

            if (only != "raw")
            {
                var ours = await OursAsync(connectionString, events, runs, sampler).ConfigureAwait(false);
                var ratio = double.IsNaN(raw) ? string.Empty : $" = {ours.Rate / raw:P0} of the raw loop";
                Console.WriteLine($"(b) EventService -> Redis Streams -> engine -> adapter: {ours.Rate:N0} events/s (median of {Runs(ours.Rates)}){ratio}");
                Console.WriteLine($"    publish->handled latency at full load: p50 {ours.Loaded.P50:F1} ms, p99 {ours.Loaded.P99:F1} ms");
                Console.WriteLine($"    publish->handled latency paced at {ours.PacedRate:N0}/s: p50 {ours.Paced.P50:F2} ms, p99 {ours.Paced.P99:F2} ms");
                Console.WriteLine($"    the dispatcher called the simulator's calendar API {ours.Pushes:N0} times for the last {events:N0} events");
            }

            return 0;
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<string> ServerVersionAsync(string connectionString)
    {
        await using var mux = await ConnectionMultiplexer.ConnectAsync(connectionString).ConfigureAwait(false);
        return mux.GetServers().FirstOrDefault()?.Version.ToString() ?? "?";
    }

    /// <summary>The ceiling: what StackExchange.Redis and this Redis do with nothing of ours in between.</summary>
    private static async Task<double> RawLoopAsync(string connectionString, int events, string label = "raw run")
    {
        await using var mux = await ConnectionMultiplexer.ConnectAsync(connectionString).ConfigureAwait(false);
        var db = mux.GetDatabase();
        RedisKey stream = "bench_raw_" + Guid.NewGuid().ToString("N");
        await db.StreamCreateConsumerGroupAsync(stream, "g", "0", createStream: true).ConfigureAwait(false);
        var sample = Envelope(0);
        NameValueEntry[] fields = [new("envelope", EventEnvelopeSerializer.Serialize(sample)), new("event_id", sample.EventId.ToString("D")), new("type", sample.Type)];

        var clock = Stopwatch.StartNew();
        var items = ThreadPool.CompletedWorkItemCount;
        var cpu = Environment.CpuUsage.TotalTime;
        var producer = Task.Run(async () =>
        {
            var window = new List<Task>(1000);
            for (var i = 0; i < events; i++)
            {
                window.Add(db.StreamAddAsync(stream, fields));
                if (window.Count == window.Capacity)
                {
                    await Task.WhenAll(window).ConfigureAwait(false);
                    window.Clear();
                }
            }

            await Task.WhenAll(window).ConfigureAwait(false);
        });
        var consumer = Task.Run(async () =>
        {
            var consumed = 0;
            while (consumed < events)
            {
                var entries = await db.StreamReadGroupAsync(stream, "g", "c", StreamPosition.NewMessages, 100).ConfigureAwait(false);
                if (entries.Length == 0)
                {
                    await Task.Yield();
                    continue;
                }

                consumed += entries.Length;
                db.StreamAcknowledge(stream, "g", entries.Select(e => e.Id).ToArray(), CommandFlags.FireAndForget);
            }
        });
        await Task.WhenAll(producer, consumer).ConfigureAwait(false);
        var rate = events / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"    {label}: {rate:N0} events/s; this process {(Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / events:F1} us CPU and {(double)(ThreadPool.CompletedWorkItemCount - items) / events:F2} thread-pool work items per event");
        await db.KeyDeleteAsync(stream).ConfigureAwait(false);
        return rate;
    }

    private static async Task<OursResult> OursAsync(string connectionString, int events, int runs, AllocationSampler? sampler)
    {
        await using var simulator = await PlatformSimulator.StartAsync(new PlatformSimulatorOptions { Airbnb = { WebhookSecret = WebhookSecret } }).ConfigureAwait(false);
        var ledger = new TimingLedger();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IInventoryLedger>(ledger);
        var stream = "bench_ours_" + Guid.NewGuid().ToString("N");
        builder.Services
            .AddChannelManager()
            .UseRedisStreams(o =>
            {
                o.ConnectionString = connectionString;
                o.StreamName = stream; // a fresh stream per run; every other option at its default
            })
            .AddAirbnb(o =>
            {
                o.BaseUrl = simulator.AirbnbBaseAddress;
                o.ClientId = "bench";
                o.WebhookSecret = WebhookSecret;
            });
        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        try
        {
            var property = Guid.NewGuid();
            await host.Services.GetRequiredService<ChannelConnectionService>().CreateAsync(Tenant, new NewChannelConnection
            {
                PropertyId = property, PlatformType = "airbnb", PlatformListingId = Listing, AccessToken = "bench-token",
            }).ConfigureAwait(false);
            await WaitAsync(() => PlatformPushes(simulator) > 0, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            var service = host.Services.GetRequiredService<EventService>();

            // Warm-up (JIT, connection pools), then the measured runs; latency of the median run.
            for (var w = 0; w < 2; w++)
            {
                await LoadAsync(service, ledger, property, events, "our warm-up").ConfigureAwait(false);
            }

            if (sampler is not null)
            {
                sampler.Enabled = true;
            }

            var results = new List<(double Rate, Percentiles Latency)>();
            long pushes = 0;
            for (var r = 0; r < runs; r++)
            {
                var pushesBefore = PlatformPushes(simulator);
                results.Add(await LoadAsync(service, ledger, property, events).ConfigureAwait(false));
                await PlatformMatchesLedgerAsync(simulator, ledger, property).ConfigureAwait(false);
                pushes = PlatformPushes(simulator) - pushesBefore;
            }

            if (sampler is not null)
            {
                sampler.Enabled = false;
                Console.WriteLine("    sampled allocations of the measured runs, by type:");
                foreach (var (type, bytes) in sampler.Top(25))
                {
                    Console.WriteLine($"      {bytes / (double)(events * runs),8:N0} B/event  {type}");
                }
            }

            var median = results.OrderBy(x => x.Rate).ElementAt(results.Count / 2);
            const int pacedRate = 2_000;
            var paced = await PacedAsync(service, ledger, property, pacedRate, Math.Min(events, pacedRate * 3)).ConfigureAwait(false);
            await PlatformMatchesLedgerAsync(simulator, ledger, property).ConfigureAwait(false);
            return new OursResult(median.Rate, [.. results.Select(x => x.Rate)], median.Latency, pacedRate, paced, pushes);
        }
        finally
        {
            await host.StopAsync().ConfigureAwait(false);
            host.Dispose(); // closes the host's Redis connections before the server goes, so nothing logs a lost socket
            await using var mux = await ConnectionMultiplexer.ConnectAsync(connectionString).ConfigureAwait(false);
            await mux.GetDatabase().KeyDeleteAsync([stream, stream + ":dead-letters", stream + ":failures"]).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the simulator holds, for every night the run priced, the rate the engine's ledger holds:
    /// nothing was lost between the bus and the platform.</summary>
    private static async Task PlatformMatchesLedgerAsync(PlatformSimulator simulator, IInventoryLedger ledger, Guid property)
    {
        var nights = new DateRange(Today.AddDays(1), Today.AddDays(8 + 299));
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (30 * Stopwatch.Frequency);
        while (true)
        {
            var ari = await ledger.GetAriAsync(Tenant, property, nights).ConfigureAwait(false);
            var mismatched = ari.Count(d => simulator.State.GetDay(Platform.Airbnb, Listing, d.Date)?.DailyPrice != d.Rate);
            if (mismatched == 0)
            {
                Console.WriteLine($"    the simulator matched the ledger for all {ari.Count} nights {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms after the last event was handled");
                return;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new InvalidOperationException($"After 30 s the simulator still differs from the ledger on {mismatched} nights.");
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    /// <summary>Calendar pushes the simulator received.</summary>
    private static long PlatformPushes(PlatformSimulator simulator) =>
        simulator.State.CallsFor(Platform.Airbnb).Count(c => c.Path.EndsWith("/calendar_operations", StringComparison.Ordinal));

    /// <summary>Publishes <paramref name="events"/> events from many concurrent publishers and waits until all were handled.</summary>
    private static async Task<(double Rate, Percentiles Latency)> LoadAsync(EventService service, TimingLedger ledger, Guid property, int events, string label = "our run")
    {
        ledger.Reset(events);
        var publishedAt = new long[events];
        var next = -1;
        var items = ThreadPool.CompletedWorkItemCount;
        var cpu = Environment.CpuUsage.TotalTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var gcs = GC.CollectionCount(0);
        var start = Stopwatch.GetTimestamp();
        var publishers = Enumerable.Range(0, Publishers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < events)
            {
                publishedAt[i] = Stopwatch.GetTimestamp();
                await service.PublishAsync(Tenant, property, Pricing(i)).ConfigureAwait(false);
            }
        }));
        await Task.WhenAll(publishers).ConfigureAwait(false);
        var publishSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await WaitAsync(() => ledger.Handled == events, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        var end = Enumerable.Range(0, events).Max(ledger.HandledAt);
        var rate = events / Stopwatch.GetElapsedTime(start, end).TotalSeconds;
        Console.WriteLine($"    {label}: {rate:N0} events/s (publishing took {publishSeconds:F2} s); this process {(Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / events:F1} us CPU and {(double)(ThreadPool.CompletedWorkItemCount - items) / events:F2} thread-pool work items per event, {(GC.GetTotalAllocatedBytes() - allocated) / events:N0} bytes allocated per event, {GC.CollectionCount(0) - gcs} GCs");
        return (rate, Latencies(ledger, publishedAt, events));
    }

    /// <summary>Publishes at a steady rate well below capacity, to see the latency of the path itself.</summary>
    private static async Task<Percentiles> PacedAsync(EventService service, TimingLedger ledger, Guid property, int perSecond, int events)
    {
        ledger.Reset(events);
        var publishedAt = new long[events];
        var inFlight = new List<Task>(events);
        var start = Stopwatch.GetTimestamp();
        var sent = 0;
        while (sent < events)
        {
            var due = Math.Min(events, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * perSecond) + 1);
            for (; sent < due; sent++)
            {
                publishedAt[sent] = Stopwatch.GetTimestamp();
                inFlight.Add(service.PublishAsync(Tenant, property, Pricing(sent)));
            }

            await Task.Delay(1).ConfigureAwait(false);
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        await WaitAsync(() => ledger.Handled == events, TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        return Latencies(ledger, publishedAt, events);
    }

    private static Percentiles Latencies(TimingLedger ledger, long[] publishedAt, int events)
    {
        var ms = Enumerable.Range(0, events).Select(i => Stopwatch.GetElapsedTime(publishedAt[i], ledger.HandledAt(i)).TotalMilliseconds).Order().ToArray();
        return new Percentiles(ms[(int)(ms.Length * 0.50)], ms[Math.Min(ms.Length - 1, (int)(ms.Length * 0.99))]);
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException("The load run did not finish in time.");
            }

            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    /// <summary>A week's rate; the rate is the event's number, so the ledger knows which event it is applying.</summary>
    private static PricingUpdated Pricing(int i) => new() { From = Today.AddDays(1 + (i % 300)), To = Today.AddDays(8 + (i % 300)), Rate = i, Currency = "EUR" };

    private static EventEnvelope Envelope(int i) => new()
    {
        EventId = Guid.CreateVersion7(), TenantId = Tenant, PropertyId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, Payload = Pricing(i),
    };

    private readonly record struct Percentiles(double P50, double P99);

    private sealed record OursResult(double Rate, IReadOnlyList<double> Rates, Percentiles Loaded, int PacedRate, Percentiles Paced, long Pushes);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Runs(IEnumerable<double> rates) => string.Join(", ", rates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)));
}

