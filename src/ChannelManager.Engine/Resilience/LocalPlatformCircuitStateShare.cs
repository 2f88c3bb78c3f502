using ChannelManager.Connections;

namespace ChannelManager.Engine.Resilience;

/// <summary>The embedded default: one process, whose own breaker is the whole circuit state; nothing is shared.</summary>
internal sealed class LocalPlatformCircuitStateShare : IPlatformCircuitStateShare
{
    public void ReportOpened(Platform platform, DateTimeOffset openUntil)
    {
    }

    public DateTimeOffset? GetOpenUntil(Platform platform) => null;
}
