namespace ChannelManager.Chaos.Verification;

/// <summary>One assertion of the verdict: what was compared, whether it held, and the first differences.</summary>
/// <param name="Name">What is asserted.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Summary">The figures.</param>
/// <param name="Differences">The first few differences when it did not hold.</param>
internal sealed record ChaosCheck(string Name, bool Passed, string Summary, IReadOnlyList<string> Differences);
