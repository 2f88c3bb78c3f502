using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;

namespace ChannelManager.Engine.Inbound;

/// <summary>
/// Finds the connection a platform reservation belongs to: the live connection of its listing
/// (<see cref="PlatformReservation.ListingId"/>, any tenant, as for webhooks); or, when the reservation names only a
/// parent listing because the platform's message does not say which sub-listing (an Expedia cancellation carries
/// <c>roomTypeID="0"</c>), the live connection that already holds the booking in the ledger, provided its listing is a
/// sub-listing of that parent (<c>{parent}:{child}</c>). A reservation it cannot place (no connection, or a
/// cancellation of a booking the ledger has never seen) has no owner: the caller leaves it with the platform.
/// </summary>
internal sealed class ReservationRouter
{
    private readonly IChannelConnectionStore _connections;
    private readonly IInventoryLedger _ledger;

    public ReservationRouter(IChannelConnectionStore connections, IInventoryLedger ledger)
    {
        _connections = connections;
        _ledger = ledger;
    }

    /// <summary>The connection to import a reservation under, or <see langword="null"/> when none can be found.</summary>
    /// <param name="reservation">The reservation.</param>
    /// <param name="fetchedVia">The connection it was fetched through, if any (its tenant's ledger is searched first).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The owning connection, or <see langword="null"/>.</returns>
    public async Task<ChannelConnection?> FindOwnerAsync(PlatformReservation reservation, ChannelConnection? fetchedVia, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        if (fetchedVia is not null && fetchedVia.Platform == reservation.Platform && fetchedVia.PlatformListingId == reservation.ListingId)
        {
            return fetchedVia;
        }

        return await _connections.FindByListingAsync(reservation.Platform, reservation.ListingId, cancellationToken).ConfigureAwait(false)
            ?? await FindHolderAsync(reservation, fetchedVia, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The live connection of a sub-listing of the reservation's (parent) listing that holds its booking.</summary>
    private async Task<ChannelConnection?> FindHolderAsync(PlatformReservation reservation, ChannelConnection? fetchedVia, CancellationToken cancellationToken)
    {
        var prefix = reservation.ListingId + ":";
        var tenants = new List<string>(2);
        if (fetchedVia is not null && fetchedVia.PlatformListingId.StartsWith(prefix, StringComparison.Ordinal))
        {
            tenants.Add(fetchedVia.TenantId);
        }

        if (await _connections.FindBySubListingOfAsync(reservation.Platform, reservation.ListingId, cancellationToken).ConfigureAwait(false) is { } sibling &&
            !tenants.Contains(sibling.TenantId, StringComparer.Ordinal))
        {
            tenants.Add(sibling.TenantId);
        }

        var bookingId = BookingImporter.BookingIdOf(reservation);
        foreach (var tenant in tenants)
        {
            if (await _ledger.GetBookingAsync(tenant, bookingId, cancellationToken).ConfigureAwait(false) is not { SourceConnectionId: { } holderId })
            {
                continue;
            }

            if (await _connections.GetAsync(tenant, holderId, cancellationToken).ConfigureAwait(false) is { DeletedAt: null } holder &&
                holder.Platform == reservation.Platform &&
                holder.PlatformListingId.StartsWith(prefix, StringComparison.Ordinal))
            {
                return holder;
            }
        }

        return null;
    }
}
