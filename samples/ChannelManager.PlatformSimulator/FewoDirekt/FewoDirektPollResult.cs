namespace ChannelManager.Simulator.FewoDirekt;

/// <summary>What one poll of the partner's feeds read.</summary>
/// <param name="StartedAt">When the poll started.</param>
/// <param name="Advertisers">How many advertisers the advertisers index listed.</param>
/// <param name="ContentRead">How many content documents were read and applied (their <c>lastUpdatedDate</c> was new).</param>
/// <param name="ContentUnchanged">How many index entries were skipped because their <c>lastUpdatedDate</c> had not moved.</param>
/// <param name="Errors">What failed (status codes, malformed documents); the rest of the poll went on.</param>
public sealed record FewoDirektPollResult(DateTimeOffset StartedAt, int Advertisers, int ContentRead, int ContentUnchanged, IReadOnlyList<string> Errors)
{
    /// <summary>Whether nothing failed.</summary>
    public bool Succeeded => Errors.Count == 0;
}
