using ChannelManager.Inventory;

namespace ChannelManager.Adapters.ICal.Import;

/// <summary>
/// What the last successful import of a connection's feed saw: the feed's validators for the next conditional GET,
/// the upcoming events (to tell new, changed and vanished ones apart) and the cancellations still reported.
/// </summary>
/// <param name="Url">The feed URL the state belongs to.</param>
/// <param name="ETag">The feed's last <c>ETag</c>, sent as <c>If-None-Match</c>.</param>
/// <param name="LastModified">The feed's last <c>Last-Modified</c>, sent as <c>If-Modified-Since</c>.</param>
/// <param name="Events">The upcoming events by confirmation code (UID).</param>
/// <param name="Cancelled">Events that vanished from the feed (or were marked cancelled), by confirmation code, until their stay is over.</param>
/// <param name="LastSuccessAt">When the feed was last imported successfully.</param>
public sealed record ICalImportState(
    string Url,
    string? ETag,
    DateTimeOffset? LastModified,
    IReadOnlyDictionary<string, ICalImportedEvent> Events,
    IReadOnlyDictionary<string, ICalImportedEvent> Cancelled,
    DateTimeOffset LastSuccessAt);

/// <summary>One imported event.</summary>
/// <param name="ConfirmationCode">The event's UID (hashed when very long).</param>
/// <param name="Stay">The blocked nights.</param>
/// <param name="ChangedAt">When the adapter first saw the event in this state (its version for the importer).</param>
/// <param name="Summary">The event's <c>SUMMARY</c>, e.g. <c>Reserved</c> or <c>Airbnb (Not available)</c>.</param>
public sealed record ICalImportedEvent(string ConfirmationCode, DateRange Stay, DateTimeOffset ChangedAt, string? Summary = null);
