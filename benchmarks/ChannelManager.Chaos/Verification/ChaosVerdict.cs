namespace ChannelManager.Chaos.Verification;

/// <summary>Every check of one verification pass.</summary>
/// <param name="Checks">The checks, in the order they are printed.</param>
internal sealed record ChaosVerdict(IReadOnlyList<ChaosCheck> Checks)
{
    /// <summary>Whether every check held.</summary>
    public bool Passed => Checks.All(c => c.Passed);
}
