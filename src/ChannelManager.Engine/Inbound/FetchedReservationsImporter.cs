using ChannelManager.Adapters;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Engine.Resilience;
using ChannelManager.Engine.Sync;
using ChannelManager.Unmapped;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Engine.Inbound;

/// <summary>
/// Imports the reservations an adapter fetched through one connection, each under the connection of its own listing:
/// a platform that serves several listings from one queue (Booking.com: all rooms of a hotel) returns the siblings'
/// reservations too, and splits a reservation of several listings into one part per listing. A reservation whose
/// listing is the fetching connection's is imported there; one of another listing under that listing's live
/// connection (any tenant, as for webhooks); one that names only a parent listing (an Expedia cancellation names no room
/// type) under the connection that holds its booking (<see cref="ReservationRouter"/>); one of a listing without a
/// connection is not imported and not acknowledged, so the platform keeps serving it until the listing is connected
/// (it is recorded as an unmapped reservation, <see cref="UnmappedReservationTracker"/>). Then, when the adapter is an <see cref="IReservationAcknowledger"/>, the stored ones are acknowledged
/// (the adapter acknowledges a split reservation only when all its parts are among them). A reservation whose dates
/// are implausible (<see cref="ReservationSanityCheck"/>) is logged and skipped: neither imported nor acknowledged.
/// </summary>
internal sealed class FetchedReservationsImporter
{
    private readonly ReservationRouter _router;
    private readonly BookingImporter _importer;
    private readonly PlatformResiliencePipelineProvider _resilience;
    private readonly UnmappedReservationTracker _unmapped;
    private readonly ReservationSanityCheck _sanity;
    private readonly TimeProvider _time;
    private readonly ILogger<FetchedReservationsImporter> _logger;

    public FetchedReservationsImporter(ReservationRouter router, BookingImporter importer, PlatformResiliencePipelineProvider resilience, UnmappedReservationTracker unmapped, ReservationSanityCheck sanity, TimeProvider time, ILogger<FetchedReservationsImporter> logger)
    {
        _unmapped = unmapped;
        _router = router;
        _importer = importer;
        _resilience = resilience;
        _sanity = sanity;
        _time = time;
        _logger = logger;
    }

    /// <summary>Routes, imports and acknowledges a batch; a failed import leaves that reservation unacknowledged.</summary>
    /// <param name="fetchedVia">The connection the reservations were fetched through.</param>
    /// <param name="adapter">Its platform's adapter.</param>
    /// <param name="reservations">The fetched reservations.</param>
    /// <param name="trigger">What caused the fetch (for the sync log).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was stored, imported, left unrouted and acknowledged.</returns>
    public async Task<FetchedReservationsImport> ImportAsync(ChannelConnection fetchedVia, IChannelAdapter adapter, IReadOnlyList<PlatformReservation> reservations, string trigger, CancellationToken cancellationToken)
    {
        var stored = new List<PlatformReservation>(reservations.Count);
        var unrouted = new List<PlatformReservation>();
        var unmapped = new List<UnmappedReservation>();
        var imported = 0;
        string? firstError = null;
        foreach (var r in reservations)
        {
            if (_sanity.FindProblem(r, _time.GetUtcNow()) is { } datesProblem)
            {
                // Implausible dates: not imported and not acknowledged (the platform keeps it; an operator looks).
                _logger.LogWarning("Skipped a {Platform} reservation fetched through connection {ConnectionId}: {Problem}", fetchedVia.Platform.ToWireName(), fetchedVia.Id, datesProblem);
                continue;
            }

            try
            {
                var owner = await _router.FindOwnerAsync(r, fetchedVia, cancellationToken).ConfigureAwait(false);
                if (owner is null)
                {
                    _logger.LogInformation(
                        "Reservation {ConfirmationCode} is for {Platform} listing '{ListingId}', which has no connection (nor, for a parent listing, a connection holding the booking); it is not imported and stays in the platform's queue until the listing is connected",
                        r.ConfirmationCode,
                        fetchedVia.Platform.ToWireName(),
                        r.ListingId);
                    unrouted.Add(r);
                    unmapped.Add(await _unmapped.RecordFetchedAsync(r, fetchedVia, cancellationToken).ConfigureAwait(false));
                    continue;
                }

                if (await _importer.ImportAsync(owner, r, trigger, cancellationToken).ConfigureAwait(false))
                {
                    imported++;

                    // New or changed: it may have been waiting as an unmapped reservation until now.
                    await _unmapped.MarkImportedAsync(UnmappedReservationTracker.RecordId(r), owner, cancellationToken).ConfigureAwait(false);
                }

                stored.Add(r);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.LogError(ex, "Importing reservation {ConfirmationCode} fetched through connection {ConnectionId} failed", r.ConfirmationCode, fetchedVia.Id);
                firstError ??= $"reservation {r.ConfirmationCode}: {SyncDispatcher.Describe(ex)}";
            }
        }

        var calls = 0;
        if (adapter is IReservationAcknowledger acknowledger && stored.Count > 0)
        {
            try
            {
                calls = await _resilience.GetPipeline(fetchedVia.Platform).ExecuteAsync(
                    static async (state, ct) => await state.acknowledger.AcknowledgeReservationsAsync(state.fetchedVia, state.stored, ct).ConfigureAwait(false),
                    (acknowledger, fetchedVia, stored),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Stored but not acknowledged: the platform serves them again and the importer drops the repeats.
                _logger.LogWarning(ex, "Acknowledging {Count} reservations fetched through connection {ConnectionId} failed; they will be served again", stored.Count, fetchedVia.Id);
            }
        }

        return new FetchedReservationsImport(stored, imported, unrouted, unmapped, firstError, calls);
    }
}
