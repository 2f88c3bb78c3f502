using ChannelManager.Connections;

namespace ChannelManager.Simulator.Faults;

/// <summary>
/// A fault to inject into the next <see cref="Times"/> calls to one platform (optionally only calls whose path,
/// relative to the platform's mount, starts with <see cref="PathPrefix"/>). Faults are consumed in the order they
/// were injected.
/// </summary>
public sealed record SimulatorFault
{
    /// <summary>The platform whose calls misbehave.</summary>
    public required Platform Platform { get; init; }

    /// <summary>How the calls misbehave.</summary>
    public required SimulatorFaultKind Kind { get; init; }

    /// <summary>The status code answered by an <see cref="SimulatorFaultKind.HttpStatus"/> fault.</summary>
    public int StatusCode { get; init; } = 500;

    /// <summary>The <c>Retry-After</c> seconds sent with an <see cref="SimulatorFaultKind.HttpStatus"/> fault.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>How long a <see cref="SimulatorFaultKind.Timeout"/> hangs, or how long a <see cref="SimulatorFaultKind.SlowBody"/> takes to write the body.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>How many calls the fault applies to (at least 1).</summary>
    public int Times { get; init; } = 1;

    /// <summary>Only calls whose path below the platform's mount starts with this, e.g. <c>/v2/calendar_operations</c>.</summary>
    public string? PathPrefix { get; init; }

    /// <summary>Answer with an HTTP status.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="statusCode">The status code.</param>
    /// <param name="retryAfterSeconds">The <c>Retry-After</c> seconds, if any.</param>
    /// <param name="times">How many calls.</param>
    /// <param name="pathPrefix">Only calls below this path.</param>
    /// <returns>The fault.</returns>
    public static SimulatorFault Status(Platform platform, int statusCode, int? retryAfterSeconds = null, int times = 1, string? pathPrefix = null) =>
        new() { Platform = platform, Kind = SimulatorFaultKind.HttpStatus, StatusCode = statusCode, RetryAfterSeconds = retryAfterSeconds, Times = times, PathPrefix = pathPrefix };

    /// <summary>Hang before answering.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="delay">How long.</param>
    /// <param name="times">How many calls.</param>
    /// <param name="pathPrefix">Only calls below this path.</param>
    /// <returns>The fault.</returns>
    public static SimulatorFault Hang(Platform platform, TimeSpan delay, int times = 1, string? pathPrefix = null) =>
        new() { Platform = platform, Kind = SimulatorFaultKind.Timeout, Delay = delay, Times = times, PathPrefix = pathPrefix };

    /// <summary>Write the body slowly.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="duration">How long writing the body takes.</param>
    /// <param name="times">How many calls.</param>
    /// <param name="pathPrefix">Only calls below this path.</param>
    /// <returns>The fault.</returns>
    public static SimulatorFault Slow(Platform platform, TimeSpan duration, int times = 1, string? pathPrefix = null) =>
        new() { Platform = platform, Kind = SimulatorFaultKind.SlowBody, Delay = duration, Times = times, PathPrefix = pathPrefix };

    /// <summary>Cut the body off.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="times">How many calls.</param>
    /// <param name="pathPrefix">Only calls below this path.</param>
    /// <returns>The fault.</returns>
    public static SimulatorFault Truncated(Platform platform, int times = 1, string? pathPrefix = null) =>
        new() { Platform = platform, Kind = SimulatorFaultKind.TruncatedBody, Times = times, PathPrefix = pathPrefix };

    /// <summary>Throws when the fault is not usable.</summary>
    /// <exception cref="ArgumentException">When a value is out of range.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentException($"Unknown fault kind {Kind}.", nameof(Kind));
        }

        if (Times < 1)
        {
            throw new ArgumentException("A fault must apply to at least one call.", nameof(Times));
        }

        if (Kind == SimulatorFaultKind.HttpStatus && StatusCode is < 100 or > 599)
        {
            throw new ArgumentException("The status code must be between 100 and 599.", nameof(StatusCode));
        }

        if (RetryAfterSeconds is < 0)
        {
            throw new ArgumentException("Retry-After cannot be negative.", nameof(RetryAfterSeconds));
        }

        if (Delay < TimeSpan.Zero || Delay > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException("The delay must be between 0 and 10 minutes.", nameof(Delay));
        }

        if (PathPrefix is not null && !PathPrefix.StartsWith('/'))
        {
            throw new ArgumentException("A path prefix starts with '/'.", nameof(PathPrefix));
        }
    }
}
