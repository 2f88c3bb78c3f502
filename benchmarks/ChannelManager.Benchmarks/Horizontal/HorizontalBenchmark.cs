using System.Diagnostics;
using System.Globalization;
using ChannelManager.Benchmarks.Latency;
using ChannelManager.Benchmarks.Workers;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Events;
using ChannelManager.Simulator;
using ChannelManager.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChannelManager.Benchmarks.Horizontal;

/// <summary>
/// <c>horizontal [--events N] [--properties N] [--workers 1,2,4]</c>: events/s with 1, 2 and 4 worker processes in one
/// consumer group on one redis-server. Each worker is this app started as <c>worker</c>: the engine on Redis Streams
/// with default options, its own in-process platform simulator (Airbnb) and the same N properties with one Airbnb
/// connection each in its in-memory stores (the stores are per process; the bus, the processed-event marks and the
/// platform rate limits are shared through Redis). Once every worker has pushed its initial calendars, this process
/// appends N <c>pricing.updated</c> envelopes to a staging stream (<c>XADD</c>, 1,000 in flight) that carries the
/// same consumer group at position 0, swaps it in for the workers' stream with one <c>RENAME</c> and a wake-up, and
/// measures until the group has delivered all of them and none is pending (every event handled and acknowledged, read
/// from <c>XINFO GROUPS</c>): the consumers' throughput, without the appending.
/// </summary>
internal static class HorizontalBenchmark
{
    private const string Tenant = "bench";
    private const string ConsumerGroup = "channel_manager_consumers";
    private const string ClientId = "bench-airbnb";
    private const string WebhookSecret = "bench-airbnb-webhook-secret-0123456789";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static async Task<int> RunAsync(string[] args)
    {
        var events = LatencyBenchmark.Arg(args, "--events", 100_000);
        var properties = LatencyBenchmark.Arg(args, "--properties", 100);
        var counts = (LatencyBenchmark.Arg(args, "--workers") ?? "1,2,4").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        MachineInfo.Print();
        Console.WriteLine($"horizontal: {events:N0} pricing.updated events over {properties:N0} properties, worker processes {string.Join(", ", counts)}");
        await using var server = await RedisTestServer.StartAsync().ConfigureAwait(false);
        await using var mux = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString).ConfigureAwait(false);
        var db = mux.GetDatabase();
        var results = new List<string>();
        foreach (var count in counts)
        {
            var stream = "bench_h_" + Guid.NewGuid().ToString("N");
            var workers = Enumerable.Range(0, count).Select(w => ChildWorker.Start($"worker {w + 1}/{count}", "worker", "--redis", server.ConnectionString, "--stream", stream, "--properties", properties.ToString(CultureInfo.InvariantCulture))).ToList();
            try
            {
                await Task.WhenAll(workers.Select(w => w.WaitForLineAsync("ready", TimeSpan.FromMinutes(5)))).ConfigureAwait(false);
                var fields = Enumerable.Range(0, events).Select(i =>
                {
                    var envelope = new EventEnvelope
                    {
                        EventId = Guid.CreateVersion7(), TenantId = Tenant, PropertyId = PropertyId(i % properties), OccurredAt = DateTimeOffset.UtcNow, Version = i + 1,
                        Payload = new PricingUpdated { From = Today.AddDays(1 + (i % 300)), To = Today.AddDays(8 + (i % 300)), Rate = 100 + (i % 1000), Currency = "EUR" },
                    };
                    return new NameValueEntry[] { new("envelope", EventEnvelopeSerializer.Serialize(envelope)), new("event_id", envelope.EventId.ToString("D")), new("type", envelope.Type) };
                }).ToArray();

                // The events go to a staging stream first (with the same consumer group at position 0), which then
                // replaces the workers' stream in one RENAME: the measurement is the consumers' alone, not the appending.
                var staging = stream + ":staging";
                await db.StreamCreateConsumerGroupAsync(staging, ConsumerGroup, "0", createStream: true).ConfigureAwait(false);
                var appending = Stopwatch.StartNew();
                RedisValue last = default;
                var window = new List<Task<RedisValue>>(1000);
                for (var i = 0; i < events; i++)
                {
                    window.Add(db.StreamAddAsync(staging, fields[i]));
                    if (window.Count == window.Capacity || i == events - 1)
                    {
                        await Task.WhenAll(window).ConfigureAwait(false);
                        last = window[^1].Result;
                        window.Clear();
                    }
                }

                var published = appending.Elapsed;
                MachineInfo.PrintLoad($"load average before the run with {count} worker(s)");
                var cpuBefore = workers.Select(w => w.CpuTime).ToArray();
                var clock = Stopwatch.StartNew();
                await db.KeyRenameAsync(staging, stream).ConfigureAwait(false);
                await db.PublishAsync(RedisChannel.Literal(stream + ":nudge"), RedisValue.EmptyString).ConfigureAwait(false);
                while (true)
                {
                    var group = (await db.StreamGroupInfoAsync(stream).ConfigureAwait(false)).FirstOrDefault(g => g.Name == ConsumerGroup);
                    if (group.LastDeliveredId == last && group.PendingMessageCount == 0)
                    {
                        break;
                    }

                    if (clock.Elapsed > TimeSpan.FromMinutes(10))
                    {
                        throw new TimeoutException($"not all events handled: last delivered {group.LastDeliveredId}, pending {group.PendingMessageCount}");
                    }

                    await Task.Delay(10).ConfigureAwait(false);
                }

                var elapsed = clock.Elapsed;
                var cpu = workers.Select((w, n) => w.CpuTime - cpuBefore[n]).Aggregate(TimeSpan.Zero, (a, b) => a + b);
                var line = $"{count} worker process(es): {events / elapsed.TotalSeconds:N0} events/s ({events:N0} events handled and acknowledged in {elapsed.TotalSeconds:F2} s; appended beforehand in {published.TotalSeconds:F2} s); workers' CPU {cpu.TotalMicroseconds / events:F1} us per event ({cpu.TotalSeconds / elapsed.TotalSeconds:F2} cores busy on average)";
                Console.WriteLine(line);
                results.Add(line);
                MachineInfo.PrintLoad("load average after the run");
            }
            finally
            {
                foreach (var worker in workers)
                {
                    await worker.DisposeAsync().ConfigureAwait(false);
                }

                await db.KeyDeleteAsync([stream, stream + ":staging", stream + ":dead-letters", stream + ":failures"]).ConfigureAwait(false);
            }
        }

        Console.WriteLine("summary:");
        results.ForEach(r => Console.WriteLine("  " + r));
        return 0;
    }

    /// <summary>A worker process: engine + Redis Streams + Airbnb adapter on its own in-process simulator; runs until its input closes.</summary>
    public static async Task<int> RunWorkerAsync(string[] args)
    {
        var redis = LatencyBenchmark.Arg(args, "--redis") ?? throw new ArgumentException("--redis");
        var stream = LatencyBenchmark.Arg(args, "--stream") ?? throw new ArgumentException("--stream");
        var properties = LatencyBenchmark.Arg(args, "--properties", 100);
        await using var simulator = await PlatformSimulator.StartAsync(new PlatformSimulatorOptions { Airbnb = { ClientId = ClientId, WebhookSecret = WebhookSecret } }).ConfigureAwait(false);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddChannelManager()
            .UseRedisStreams(o =>
            {
                o.ConnectionString = redis;
                o.StreamName = stream; // one consumer group (the default name); the consumer name is per process by default
            })
            .AddAirbnb(o =>
            {
                o.BaseUrl = simulator.AirbnbBaseAddress;
                o.ClientId = ClientId;
                o.WebhookSecret = WebhookSecret;
            });
        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        var service = host.Services.GetRequiredService<ChannelConnectionService>();
        for (var i = 0; i < properties; i++)
        {
            await service.CreateAsync(Tenant, new NewChannelConnection
            {
                PropertyId = PropertyId(i),
                PlatformType = "airbnb",
                PlatformListingId = (2_000_000 + i).ToString(CultureInfo.InvariantCulture),
                AccessToken = "bench-token",
            }).ConfigureAwait(false);
        }

        var tomorrow = Today.AddDays(1);
        while (Enumerable.Range(0, properties).Any(i => simulator.State.GetDay(Platform.Airbnb, (2_000_000 + i).ToString(CultureInfo.InvariantCulture), tomorrow) is null))
        {
            await Task.Delay(200).ConfigureAwait(false);
        }

        Console.WriteLine($"ready: {properties:N0} connections synced, pid {Environment.ProcessId}");
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is not null)
        {
        }

        await host.StopAsync().ConfigureAwait(false);
        return 0;
    }

    private static Guid PropertyId(int i) => new(i + 1, 0x0b, 0x0e, 0x80, 0, 0, 0, 0, 0, 0, 0);
}
