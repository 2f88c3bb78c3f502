namespace ChannelManager.Inventory;

/// <summary>What applying a booking to the ledger changed.</summary>
/// <param name="Changed">Whether the ledger changed (false for a duplicate or stale version).</param>
/// <param name="AffectedRanges">The nights whose availability changed.</param>
/// <param name="Overbooked">Whether the booking took nights that had no free unit left (an overbooking conflict).</param>
public sealed record BookingApplyResult(bool Changed, IReadOnlyList<DateRange> AffectedRanges, bool Overbooked)
{
    /// <summary>A result for an event that changed nothing.</summary>
    public static BookingApplyResult Unchanged { get; } = new(false, [], false);
}
