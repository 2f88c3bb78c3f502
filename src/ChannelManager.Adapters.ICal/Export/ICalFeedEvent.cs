using ChannelManager.Inventory;

namespace ChannelManager.Adapters.ICal.Export;

/// <summary>One exported all-day event: a run of consecutive blocked nights.</summary>
/// <param name="Uid">The stable UID.</param>
/// <param name="Nights">The nights (DTEND is the exclusive check-out day).</param>
internal sealed record ICalFeedEvent(string Uid, DateRange Nights);
