using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ChannelManager.Chaos.Hosting;
using ChannelManager.Connections;
using ChannelManager.Simulator;
using ChannelManager.Simulator.Faults;
using ChannelManager.Testing;
using Npgsql;

namespace ChannelManager.Chaos.Faults;

/// <summary>
/// The faults of the run, at seeded random times during the load: SIGKILL of a random live worker (restarted right
/// after), Redis killed and started again without its data, PostgreSQL stopped (fast: connections cut) and started
/// again with its data, and storms on one platform of the simulator (429 with Retry-After, 503, calls that hang past
/// the adapters' attempt timeout). Kills never leave fewer than one worker running.
/// </summary>
internal sealed class ChaosMonkey
{
    private readonly ChaosOptions _options;
    private readonly WorkerPool _workers;
    private readonly RedisTestServer _redis;
    private readonly PostgresTestServer _postgres;
    private readonly PlatformSimulator _simulator;
    private readonly Random _random;
    private readonly ConcurrentQueue<ChaosEvent> _events = new();
    private readonly Stopwatch _clock = new();

    public ChaosMonkey(ChaosOptions options, WorkerPool workers, RedisTestServer redis, PostgresTestServer postgres, PlatformSimulator simulator)
    {
        _options = options;
        _workers = workers;
        _redis = redis;
        _postgres = postgres;
        _simulator = simulator;
        _random = new Random(options.Seed * 13 + 1);
    }

    /// <summary>What happened, in order.</summary>
    public IReadOnlyCollection<ChaosEvent> Events => _events;

    public int KillsDone { get; private set; }

    public int RedisRestartsDone { get; private set; }

    public int PostgresRestartsDone { get; private set; }

    public int StormsDone { get; private set; }

    /// <summary>Runs every planned fault within the load's duration; returns when the last one is over.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _clock.Start();
        var duration = _options.LoadDuration.TotalSeconds;
        double At(double from, double to) => duration * (from + (_random.NextDouble() * (to - from)));
        var plan = new List<(double At, Func<Task> Act)>();
        for (var i = 0; i < _options.Kills; i++)
        {
            plan.Add((At(0.05, 0.85), KillAsync));
        }

        for (var i = 0; i < _options.RedisRestarts; i++)
        {
            plan.Add((At(0.2, 0.7), RestartRedisAsync));
        }

        for (var i = 0; i < _options.PostgresRestarts; i++)
        {
            plan.Add((At(0.3, 0.8), RestartPostgresAsync));
        }

        var storms = new List<Task>();
        for (var i = 0; i < _options.FaultStorms; i++)
        {
            var at = At(0.05, 0.85);
            storms.Add(Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(at), cancellationToken);
                Storm();
            }, cancellationToken));
        }

        // Kills and restarts one after the other (each waits for the worker, Redis or PostgreSQL to be back).
        foreach (var (at, act) in plan.OrderBy(p => p.At))
        {
            var wait = TimeSpan.FromSeconds(at) - _clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            await act();
        }

        await Task.WhenAll(storms);
    }

    private void Record(string what)
    {
        _events.Enqueue(new ChaosEvent(_clock.Elapsed.TotalSeconds, what));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{_clock.Elapsed.TotalSeconds,6:0.0} s] {what}"));
    }

    private async Task KillAsync()
    {
        var live = _workers.All.Where(w => w.IsLive).ToList();
        if (live.Count < 2)
        {
            Record("kill skipped: fewer than two workers live");
            return;
        }

        var victim = live[_random.Next(live.Count)];
        var pid = victim.ProcessId;
        victim.Kill();
        KillsDone++;
        Record($"kill -9 worker {victim.Index} (pid {pid}), kill {KillsDone}/{_options.Kills}");
        await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(0, 1500)));
        await victim.StartAsync(TimeSpan.FromMinutes(3), CancellationToken.None);
        Record($"worker {victim.Index} back (pid {victim.ProcessId})");
    }

    private async Task RestartRedisAsync()
    {
        await _redis.KillAsync();
        RedisRestartsDone++;
        Record("Redis killed (no persistence: stream, consumer group, rate-limit and circuit state lost)");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await _redis.StartAgainAsync();
        Record("Redis started again (empty)");
    }

    private async Task RestartPostgresAsync()
    {
        await _postgres.StopAsync();
        PostgresRestartsDone++;
        Record("PostgreSQL stopped (fast shutdown: connections cut)");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await _postgres.StartAgainAsync();
        NpgsqlConnection.ClearAllPools();
        Record("PostgreSQL started again (data kept)");
    }

    private void Storm()
    {
        Platform[] platforms = [Platform.Airbnb, Platform.BookingCom, Platform.Expedia, Platform.Google];
        var platform = platforms[_random.Next(platforms.Length)];
        var size = _random.Next(10, 40);
        var kinds = new List<string>();
        for (var i = 0; i < size; i++)
        {
            var roll = _random.NextDouble();
            if (roll < 0.45)
            {
                _simulator.State.InjectFault(SimulatorFault.Status(platform, 429, retryAfterSeconds: _random.Next(1, 4)));
                kinds.Add("429");
            }
            else if (roll < 0.85)
            {
                _simulator.State.InjectFault(SimulatorFault.Status(platform, 503));
                kinds.Add("503");
            }
            else
            {
                _simulator.State.InjectFault(SimulatorFault.Hang(platform, TimeSpan.FromSeconds(35)));
                kinds.Add("timeout");
            }
        }

        StormsDone++;
        Record($"fault storm on {platform.ToWireName()}: {size} calls answered " + string.Join(", ", kinds.GroupBy(k => k).Select(g => $"{g.Count()}x {g.Key}")));
    }
}
