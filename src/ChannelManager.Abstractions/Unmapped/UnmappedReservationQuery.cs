using ChannelManager.Connections;

namespace ChannelManager.Unmapped;

/// <summary>Filters for listing unmapped reservations.</summary>
/// <param name="Platform">Only this platform's.</param>
/// <param name="State">Only those in this state.</param>
public sealed record UnmappedReservationQuery(Platform? Platform = null, UnmappedReservationState? State = null);
