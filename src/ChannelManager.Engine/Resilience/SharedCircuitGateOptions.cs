using Polly;

namespace ChannelManager.Engine.Resilience;

/// <summary>Options of the <see cref="SharedCircuitGateStrategy"/> (it has none beyond its name).</summary>
internal sealed class SharedCircuitGateOptions : ResilienceStrategyOptions
{
    public SharedCircuitGateOptions() => Name = "shared-circuit-gate";
}
