namespace ChannelManager.Unmapped;

/// <summary>What <see cref="IUnmappedReservationStore.RecordSightingAsync"/> did.</summary>
/// <param name="Record">The record as it now is.</param>
/// <param name="Opened">Whether this sighting opened it (it did not exist, or had been imported and is unmapped again).</param>
public sealed record UnmappedReservationSighting(UnmappedReservation Record, bool Opened);
