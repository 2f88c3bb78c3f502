using ChannelManager.Connections;

namespace ChannelManager.Engine.Resilience;

/// <summary>
/// Shares platform circuit-breaker openings between worker processes. When one process's breaker for a platform
/// opens, it reports the opening here; every process then refuses calls to that platform until the break is over, as
/// if its own breaker had opened. The embedded default shares nothing (one process, one breaker); <c>UseRedisStreams</c>
/// replaces it with one that publishes openings through Redis.
/// </summary>
public interface IPlatformCircuitStateShare
{
    /// <summary>Tells the other processes that this process's circuit for <paramref name="platform"/> opened.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="openUntil">When the break ends.</param>
    void ReportOpened(Platform platform, DateTimeOffset openUntil);

    /// <summary>When the break another process reported for <paramref name="platform"/> ends, if one is known.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The end of the break, or <see langword="null"/> when no other process reported one.</returns>
    DateTimeOffset? GetOpenUntil(Platform platform);
}
