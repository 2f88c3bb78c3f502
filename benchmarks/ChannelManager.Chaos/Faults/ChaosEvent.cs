namespace ChannelManager.Chaos.Faults;

/// <summary>One thing the chaos did, and when (seconds since the load started).</summary>
/// <param name="AtSeconds">When it started.</param>
/// <param name="What">What it was.</param>
internal sealed record ChaosEvent(double AtSeconds, string What);
