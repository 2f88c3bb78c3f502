using System.Diagnostics;
using System.Globalization;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Sync;
using ChannelManager.Events;
using ChannelManager.Inventory;
using ChannelManager.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Benchmarks.Burst;

/// <summary>
/// <c>burst [--changes N] [--connections N] [--runs N] [--seed N]</c>: a burst of ARI changes through a host on
/// embedded defaults (<c>AddChannelManager()</c> with default options, in-process bus, in-memory stores) with
/// <c>AddAirbnb</c> pushing over HTTP to the platform simulator (Kestrel on loopback, same process); one property
/// with several Airbnb listings. After the initial full-window pushes, each burst publishes N random
/// <c>pricing.updated</c> / <c>availability.updated</c> changes over the sync window as fast as
/// <see cref="EventService.PublishAsync(string, Guid, PmsEvent, Guid?, long, CancellationToken)"/> takes them,
/// then waits until the simulator's calendar equals the ledger on every night of every listing. Prints the
/// simulator's calendar calls per change, the time to converge after the last publish and the publish+apply rate.
/// Exits 1 if the simulator or the ledger does not end exactly as it should.
/// </summary>
internal static class BurstBenchmark
{
    private const string Tenant = "bench";
    private static readonly TimeSpan ConvergenceTimeout = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var settings))
        {
            await Console.Error.WriteLineAsync("usage: burst [--changes N] [--connections N] [--runs N] [--seed N]").ConfigureAwait(false);
            return 2;
        }

        await using var simulator = await PlatformSimulator.StartAsync().ConfigureAwait(false);
        var ledger = new CountingLedger();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IInventoryLedger>(ledger);
        builder.Services
            .AddChannelManager() // embedded defaults: in-process bus, in-memory stores, default options
            .AddAirbnb(o =>
            {
                o.BaseUrl = simulator.AirbnbBaseAddress;
                o.ClientId = "bench";
                o.WebhookSecret = "bench-webhook-secret";
            });
        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        try
        {
            var windowNights = host.Services.GetRequiredService<IOptions<ChannelManagerOptions>>().Value.SyncWindowDays;
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var window = new DateRange(today, today.AddDays(windowNights));
            var property = Guid.NewGuid();
            var listings = Enumerable.Range(1, settings.Connections).Select(i => "burst-listing-" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var connections = host.Services.GetRequiredService<ChannelConnectionService>();
            foreach (var listing in listings)
            {
                await connections.CreateAsync(Tenant, new NewChannelConnection
                {
                    PropertyId = property, PlatformType = "airbnb", PlatformListingId = listing, AccessToken = "bench-token",
                }).ConfigureAwait(false);
            }

            var queue = host.Services.GetRequiredService<DirtyRangeQueue>();
            var initial = Stopwatch.StartNew();
            if (await WaitForSimulatorAsync(simulator, ledger, property, listings, window).ConfigureAwait(false) is { } initialDifference)
            {
                Console.WriteLine($"FAILED: the initial pushes did not reach the simulator: {initialDifference}");
                return 1;
            }

            await WaitUntilIdleAsync(queue).ConfigureAwait(false);
            Console.WriteLine($"burst: {settings.Changes:N0} changes per burst, 1 property, {listings.Length} Airbnb listings, sync window {windowNights} nights, " +
                $"{Environment.ProcessorCount} cores, .NET {Environment.Version}; initial pushes done in {initial.Elapsed.TotalSeconds:F2} s ({CalendarCalls(simulator).Total} calendar calls)");

            var service = host.Services.GetRequiredService<EventService>();
            var generator = new AriChangeGenerator(today, windowNights, settings.Seed);
            var expected = new LastWriterWinsCalendar(today, windowNights);
            long version = 0;
            var results = new List<BurstResult>();
            for (var run = 0; run <= settings.Runs; run++)
            {
                var label = run == 0 ? "warm-up" : "burst " + run.ToString(CultureInfo.InvariantCulture);
                var changes = generator.Next(settings.Changes);
                expected.ApplyInOrder(changes);
                var result = await BurstAsync(service, simulator, ledger, queue, property, listings, window, changes, version).ConfigureAwait(false);
                version += changes.Length;
                var ledgerDifference = expected.FirstDifference(await ledger.GetAriAsync(Tenant, property, window).ConfigureAwait(false));
                Console.WriteLine($"    {label}: {result}");
                if (result.Difference is not null || ledgerDifference is not null)
                {
                    Console.WriteLine($"FAILED: {result.Difference ?? "the ledger is not the last-writer-wins state of the changes published: " + ledgerDifference}");
                    return 1;
                }

                if (run > 0)
                {
                    results.Add(result);
                }
            }

            var median = results.OrderBy(r => r.ChangesPerSecond).ElementAt(results.Count / 2);
            var calls = results.Sum(r => r.CalendarCalls);
            var changed = (double)settings.Changes * results.Count;
            Console.WriteLine($"publish+apply: median {median.ChangesPerSecond:N0} changes/s; converged after the last publish in {string.Join(" / ", results.Select(r => r.ConvergedAfterLastPublish.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)))} ms; " +
                $"platform calls per change {calls / changed:F4} ({calls:N0} calendar calls for {changed:N0} changes, target <= 0.05); final state exact on every night of every listing");
            return 0;
        }
        finally
        {
            await host.StopAsync().ConfigureAwait(false);
        }
    }

    private static async Task<BurstResult> BurstAsync(EventService service, PlatformSimulator simulator, CountingLedger ledger, DirtyRangeQueue queue, Guid property, string[] listings, DateRange window, PmsEvent[] changes, long versionBefore)
    {
        var callsBefore = CalendarCalls(simulator);
        var applied = ledger.ExpectChanges(changes.Length);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < changes.Length; i++)
        {
            await service.PublishAsync(Tenant, property, changes[i], version: versionBefore + i + 1).ConfigureAwait(false);
        }

        var lastPublished = Stopwatch.GetTimestamp();
        var lastApplied = await applied.WaitAsync(ConvergenceTimeout).ConfigureAwait(false);
        var cpuApplied = Environment.CpuUsage.TotalTime;
        var allocatedApplied = GC.GetTotalAllocatedBytes();
        var difference = await WaitForSimulatorAsync(simulator, ledger, property, listings, window).ConfigureAwait(false);
        var converged = Stopwatch.GetTimestamp();
        await WaitUntilIdleAsync(queue).ConfigureAwait(false);
        var calls = CalendarCalls(simulator) - callsBefore;
        return new BurstResult(
            changes.Length,
            Stopwatch.GetElapsedTime(start, lastPublished),
            changes.Length / Stopwatch.GetElapsedTime(start, lastApplied).TotalSeconds,
            (cpuApplied - cpuBefore).TotalMicroseconds / changes.Length,
            (allocatedApplied - allocatedBefore) / changes.Length,
            Stopwatch.GetElapsedTime(lastPublished, converged),
            calls.Total,
            calls.Failed,
            difference);
    }

    /// <summary>Waits until every listing's calendar on the simulator shows the ledger's state on every night of the
    /// window; returns the first difference left after <see cref="ConvergenceTimeout"/>, or <see langword="null"/>.</summary>
    private static async Task<string?> WaitForSimulatorAsync(PlatformSimulator simulator, IInventoryLedger ledger, Guid property, string[] listings, DateRange window)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(ConvergenceTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var difference = FirstDifference(simulator, await ledger.GetAriAsync(Tenant, property, window).ConfigureAwait(false), listings);
            if (difference is null || Stopwatch.GetTimestamp() > deadline)
            {
                return difference;
            }

            await Task.Delay(2).ConfigureAwait(false);
        }
    }

    /// <summary>Compares what the Airbnb adapter pushes of each night (availability, free units, price, min/max stay,
    /// closed to arrival/departure) with the simulator's state of that night.</summary>
    private static string? FirstDifference(PlatformSimulator simulator, IReadOnlyList<AriDay> ledger, string[] listings)
    {
        foreach (var listing in listings)
        {
            foreach (var day in ledger)
            {
                var held = simulator.State.GetDay(Platform.Airbnb, listing, day.Date);
                if (held is null || held.IsAvailable != day.IsBookable || held.AvailableCount != Math.Max(0, day.AvailableUnits)
                    || held.DailyPrice != day.Rate || held.MinNights != day.MinStay || held.MaxNights != day.MaxStay
                    || held.ClosedToArrival != day.ClosedToArrival || held.ClosedToDeparture != day.ClosedToDeparture)
                {
                    return $"listing {listing}, {day.Date:yyyy-MM-dd}: simulator {held?.ToString() ?? "untouched"}, ledger {day}";
                }
            }
        }

        return null;
    }

    /// <summary>Waits until the dispatcher has no connection with work pending or in flight (so that every call the
    /// burst caused is counted).</summary>
    private static async Task WaitUntilIdleAsync(DirtyRangeQueue queue)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(ConvergenceTimeout.TotalSeconds * Stopwatch.Frequency);
        while (queue.PendingConnections > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    private static CalendarCallCount CalendarCalls(PlatformSimulator simulator)
    {
        var calls = simulator.State.CallsFor(Platform.Airbnb).Where(c => c.Path.EndsWith("/calendar_operations", StringComparison.Ordinal)).ToArray();
        return new CalendarCallCount(calls.Length, calls.Count(c => c.StatusCode is < 200 or >= 300));
    }

    private static bool TryParse(string[] args, out BurstSettings settings)
    {
        settings = new BurstSettings(10_000, 3, 3, 20261130);
        for (var i = 1; i < args.Length; i++)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                return false;
            }

            switch (args[i++])
            {
                case "--changes": settings = settings with { Changes = n }; break;
                case "--connections": settings = settings with { Connections = n }; break;
                case "--runs": settings = settings with { Runs = n }; break;
                case "--seed": settings = settings with { Seed = n }; break;
                default: return false;
            }
        }

        return true;
    }
}
