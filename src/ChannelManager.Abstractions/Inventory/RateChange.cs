namespace ChannelManager.Inventory;

/// <summary>
/// A new nightly rate over a range. Every night remembers the version of the rate it holds: a change whose
/// <see cref="Version"/> is older leaves the night alone, so stale and reordered updates change nothing.
/// </summary>
/// <param name="Rate">The nightly rate (a decimal amount, never a float).</param>
/// <param name="Currency">The ISO 4217 currency.</param>
public sealed record RateChange(decimal Rate, string Currency)
{
    /// <summary>Only the nights on these days of the week; <see langword="null"/> for every night of the range.</summary>
    public IReadOnlyCollection<DayOfWeek>? Weekdays { get; init; }

    /// <summary>The change's version (newer wins per night; equal versions apply in arrival order); 0 for unversioned.</summary>
    public long Version { get; init; }
}
