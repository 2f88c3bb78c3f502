using System.Globalization;

namespace ChannelManager.Chaos;

/// <summary>How big and how long a chaos run is: <see cref="Short"/> for CI, <see cref="Long"/> for release checks.</summary>
internal sealed record ChaosOptions
{
    /// <summary>"short", "long" or "custom".</summary>
    public required string Mode { get; init; }

    /// <summary>Seeds every random choice of the run (dates, platforms, kill times, storms).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Sample-host worker processes in the one consumer group.</summary>
    public int Workers { get; init; } = 3;

    /// <summary>PMS properties; each is connected to one listing on each of the five platforms.</summary>
    public int Properties { get; init; } = 3;

    /// <summary>How long the load (and the chaos) runs.</summary>
    public TimeSpan LoadDuration { get; init; } = TimeSpan.FromSeconds(75);

    /// <summary>PMS events published per second (price changes and the PMS's own bookings).</summary>
    public double PmsEventsPerSecond { get; init; } = 8;

    /// <summary>Platform bookings made per second, spread over Airbnb, Booking.com, Expedia and Vrbo.</summary>
    public double PlatformBookingsPerSecond { get; init; } = 1;

    /// <summary>Workers killed with SIGKILL (each restarted right after).</summary>
    public int Kills { get; init; } = 5;

    /// <summary>Redis restarts (without persistence: the stream, the group and the rate-limit state are lost).</summary>
    public int RedisRestarts { get; init; } = 1;

    /// <summary>PostgreSQL restarts (fast shutdown: open connections cut, data kept).</summary>
    public int PostgresRestarts { get; init; } = 1;

    /// <summary>Fault storms on the simulator (bursts of 429 + Retry-After, 503 and timeouts on one platform).</summary>
    public int FaultStorms { get; init; } = 3;

    /// <summary>The nights the load books and prices: from tomorrow, this many days.</summary>
    public int WindowDays { get; init; } = 60;

    /// <summary>How long the run waits, after the load, for everything to settle before it gives its verdict.</summary>
    public TimeSpan QuiescenceTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Where the run keeps its logs (worker output); a temporary directory when null.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>The CI version: a few minutes on 2 cores.</summary>
    public static ChaosOptions Short { get; } = new() { Mode = "short" };

    /// <summary>The release-check version: 25 minutes of load, 20 kills.</summary>
    public static ChaosOptions Long { get; } = new()
    {
        Mode = "long",
        Properties = 12,
        LoadDuration = TimeSpan.FromMinutes(25),
        PmsEventsPerSecond = 25,
        PlatformBookingsPerSecond = 2,
        Kills = 20,
        RedisRestarts = 2,
        PostgresRestarts = 2,
        FaultStorms = 20,
        WindowDays = 120,
        QuiescenceTimeout = TimeSpan.FromMinutes(8),
    };

    /// <summary>Parses <c>[--short|--long] [--seed N] [--workers N] [--properties N] [--duration S] [--kills N] [--logs DIR]</c>.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The options.</returns>
    public static ChaosOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--long") ? Long : Short;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--short" or "--long" => options,
                "--seed" => options with { Seed = Number() },
                "--workers" => options with { Workers = Math.Max(2, Number()), Mode = "custom" },
                "--properties" => options with { Properties = Math.Max(1, Number()), Mode = "custom" },
                "--duration" => options with { LoadDuration = TimeSpan.FromSeconds(Number()), Mode = "custom" },
                "--kills" => options with { Kills = Number(), Mode = "custom" },
                "--logs" => options with { LogDirectory = Value() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"mode {Mode}, seed {Seed}, {Workers} workers, {Properties} properties x 5 platforms, load {LoadDuration.TotalSeconds:0} s ({PmsEventsPerSecond:0.#} PMS events/s, {PlatformBookingsPerSecond:0.#} platform bookings/s), {Kills} kills, {RedisRestarts} Redis restart(s), {PostgresRestarts} PostgreSQL restart(s), {FaultStorms} fault storms, window {WindowDays} nights");
}
