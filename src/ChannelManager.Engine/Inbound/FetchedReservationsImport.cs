using ChannelManager.Bookings;
using ChannelManager.Unmapped;

namespace ChannelManager.Engine.Inbound;

/// <summary>What <see cref="FetchedReservationsImporter"/> did with a batch of fetched reservations.</summary>
/// <param name="Stored">The reservations stored (imported now, or found imported before), in fetch order.</param>
/// <param name="Imported">How many of them were new or changed.</param>
/// <param name="Unrouted">The reservations whose listing has no connection: neither imported nor acknowledged.</param>
/// <param name="Unmapped">The unmapped-reservation records of <paramref name="Unrouted"/> (one per reservation recorded).</param>
/// <param name="FirstError">The first import failure, or <see langword="null"/>.</param>
/// <param name="AcknowledgementCalls">The platform calls the acknowledgement took.</param>
internal sealed record FetchedReservationsImport(
    IReadOnlyList<PlatformReservation> Stored,
    int Imported,
    IReadOnlyList<PlatformReservation> Unrouted,
    IReadOnlyList<UnmappedReservation> Unmapped,
    string? FirstError,
    int AcknowledgementCalls);
