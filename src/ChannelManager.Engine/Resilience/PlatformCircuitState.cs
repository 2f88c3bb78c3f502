namespace ChannelManager.Engine.Resilience;

/// <summary>A platform's circuit as exported (<c>channel_manager_circuit_breaker_state</c>: the numeric values).</summary>
internal enum PlatformCircuitState
{
    /// <summary>Calls go through.</summary>
    Closed = 0,

    /// <summary>The break is over; trial calls decide whether it closes or opens again.</summary>
    HalfOpen = 1,

    /// <summary>Calls are refused until the break ends.</summary>
    Open = 2,
}
