namespace ChannelManager.Engine.Resilience;

/// <summary>A platform's circuit state and, while open, when the break is expected to end.</summary>
/// <param name="State">The state.</param>
/// <param name="OpenUntil">The end of the break, when known.</param>
internal readonly record struct PlatformCircuitStatus(PlatformCircuitState State, DateTimeOffset? OpenUntil);
