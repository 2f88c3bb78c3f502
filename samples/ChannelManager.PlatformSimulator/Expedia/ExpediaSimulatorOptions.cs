namespace ChannelManager.Simulator.Expedia;

/// <summary>Settings of the simulated Expedia EQC.</summary>
public sealed class ExpediaSimulatorOptions
{
    /// <summary>The EQC user name accepted in <c>Authentication@username</c>; any non-empty one when unset.</summary>
    public string? Username { get; set; }

    /// <summary>The EQC password accepted in <c>Authentication@password</c>; any non-empty one when unset.</summary>
    public string? Password { get; set; }

    /// <summary>A rate above this is skipped with warning 7013 ("rate out of threshold"). Default 50,000.</summary>
    public decimal RateThreshold { get; set; } = 50_000m;
}
