namespace ChannelManager.Adapters;

/// <summary>Which reservations to fetch.</summary>
/// <param name="ConfirmationCode">Only this reservation.</param>
/// <param name="ChangedSince">Only reservations changed since then.</param>
/// <param name="MaxResults">At most this many.</param>
public sealed record ReservationFetchRequest(string? ConfirmationCode = null, DateTimeOffset? ChangedSince = null, int MaxResults = 100);
