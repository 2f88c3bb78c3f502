using System.Security.Cryptography;
using System.Text;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Sync;
using ChannelManager.Events;
using ChannelManager.Inventory;
using ChannelManager.Sync;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Engine.Inbound;

/// <summary>
/// Imports one platform reservation version, in this order: publishes the booking event with the source connection
/// (so fan-out skips it; a modification names the nights it releases), upserts the booking in the ledger (by platform +
/// confirmation code; newer versions supersede older ones, an older one changes nothing), hands it to the host's
/// <see cref="IPmsBookingSink"/> with an idempotency key per version unless that version was delivered already, and
/// marks the version imported. Each step is idempotent (the event id is derived from the version; consumers drop
/// repeats), so a retry after a failure or crash at any step completes the import without doing anything twice.
/// </summary>
internal sealed class BookingImporter
{
    private readonly IInventoryLedger _ledger;
    private readonly IPmsBookingSink _sink;
    private readonly EventService _events;
    private readonly IProcessedEventStore _processed;
    private readonly SyncLogWriter _syncLog;
    private readonly SyncEngine _engine;
    private readonly TimeProvider _time;
    private readonly ILogger<BookingImporter> _logger;

    public BookingImporter(IInventoryLedger ledger, IPmsBookingSink sink, EventService events, IProcessedEventStore processed, SyncLogWriter syncLog, SyncEngine engine, TimeProvider time, ILogger<BookingImporter> logger)
    {
        _engine = engine;
        _ledger = ledger;
        _sink = sink;
        _events = events;
        _processed = processed;
        _syncLog = syncLog;
        _time = time;
        _logger = logger;
    }

    /// <summary>Imports a reservation; returns whether anything new was imported.</summary>
    public async Task<bool> ImportAsync(ChannelConnection connection, PlatformReservation reservation, string trigger, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var bookingId = BookingIdOf(reservation);
        var version = reservation.UpdatedAt?.ToUnixTimeMilliseconds() ?? 0;
        var key = $"{bookingId}:{version}:{reservation.Status}:{reservation.Stay.Start:yyyyMMdd}-{reservation.Stay.End:yyyyMMdd}";
        var importMarker = DeterministicGuid("import:" + connection.TenantId + ":" + key);
        if (await _processed.IsProcessedAsync(importMarker, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var previous = await _ledger.GetBookingAsync(connection.TenantId, bookingId, cancellationToken).ConfigureAwait(false);
        if (previous is not null && version > 0 && previous.Version > version)
        {
            _logger.LogInformation("Ignoring stale version of {BookingId}: have {Have}, got {Got}", bookingId, previous.Version, version);
            await _processed.MarkProcessedAsync(importMarker, cancellationToken).ConfigureAwait(false);
            return false;
        }

        // 1. The booking event, before the ledger changes: it is built from the version the ledger holds now, so a
        // modification names the nights it releases, which the ledger forgets once this version is stored. A version the
        // ledger already holds (a retry after a crash past the ledger write) was published before that write; the same
        // event id makes any repeat a duplicate the consumer drops.
        var alreadyStored = previous is not null && previous.Version == version && previous.Status == reservation.Status && previous.Stay == reservation.Stay;
        if (!alreadyStored)
        {
            BookingEvent payload = reservation.Status == BookingStatus.Cancelled
                ? new BookingCancelled { BookingId = bookingId, CheckIn = reservation.Stay.Start, CheckOut = reservation.Stay.End }
                : previous is { Status: BookingStatus.Confirmed } && previous.Stay != reservation.Stay
                    ? new BookingModified { BookingId = bookingId, CheckIn = reservation.Stay.Start, CheckOut = reservation.Stay.End, PreviousCheckIn = previous.Stay.Start, PreviousCheckOut = previous.Stay.End }
                    : new BookingConfirmed { BookingId = bookingId, CheckIn = reservation.Stay.Start, CheckOut = reservation.Stay.End };
            payload = payload with { Source = reservation.Platform.ToWireName(), SourceConnectionId = connection.Id, Status = reservation.Status.ToString().ToLowerInvariant() };
            await _events.PublishAsync(connection.TenantId, connection.PropertyId, payload, DeterministicGuid("event:" + connection.TenantId + ":" + key), version, cancellationToken).ConfigureAwait(false);
        }

        // 2. The ledger (versioned by booking id: applying a version it holds changes nothing; the event's handler may
        // have applied it already).
        var booking = new Booking
        {
            TenantId = connection.TenantId,
            BookingId = bookingId,
            PropertyId = connection.PropertyId,
            Stay = reservation.Stay,
            Units = 1,
            Status = reservation.Status,
            Source = reservation.Platform.ToWireName(),
            SourceConnectionId = connection.Id,
            ConfirmationCode = reservation.ConfirmationCode,
            Platform = reservation.Platform,
            Version = version,
            UpdatedAt = reservation.UpdatedAt ?? started,
        };
        var applied = await _ledger.ApplyBookingAsync(booking, cancellationToken).ConfigureAwait(false);
        var stored = await _ledger.GetBookingAsync(connection.TenantId, bookingId, cancellationToken).ConfigureAwait(false);
        var overbooked = stored?.Overbooked ?? applied.Overbooked;
        if (applied.Changed && applied.AffectedRanges.Count > 0)
        {
            // The ledger changed here rather than when the event was handled: the booking's own connection is told
            // the state after it too (a push that read the ledger before it must not be the last word there).
            await _engine.MarkDirtyAsync(connection, applied.AffectedRanges, Adapters.AriPushScope.Availability, "booking.import", cancellationToken).ConfigureAwait(false);
        }

        // 3. The PMS, once per version: a delivery is recorded after the sink returns, so a retry after a later failure
        // does not call it again. Only a crash between the sink's return and that record repeats the call, with the same
        // idempotency key (see IPmsBookingSink).
        var delivered = DeterministicGuid("sink:" + connection.TenantId + ":" + key);
        if (!await _processed.IsProcessedAsync(delivered, cancellationToken).ConfigureAwait(false))
        {
            await _sink.ReceiveAsync(
                new ImportedBooking
                {
                    IdempotencyKey = key,
                    TenantId = connection.TenantId,
                    PropertyId = connection.PropertyId,
                    ConnectionId = connection.Id,
                    BookingId = bookingId,
                    Reservation = reservation,
                    Overbooked = overbooked,
                },
                cancellationToken).ConfigureAwait(false);
            await _processed.MarkProcessedAsync(delivered, cancellationToken).ConfigureAwait(false);
        }

        // 4. Done: a redelivery of this version (webhook repeat, queue served again) returns at the top.
        await _processed.MarkProcessedAsync(importMarker, cancellationToken).ConfigureAwait(false);

        await _syncLog.WriteAsync(connection, SyncOperations.BookingImport, trigger, reservation.Stay, 1, SyncOutcome.Succeeded, started, 0, overbooked ? "overbooking: no unit was left for these nights" : null, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The ledger's id of a platform reservation's booking: <c>{platform}:{confirmation code}</c>.</summary>
    internal static string BookingIdOf(PlatformReservation reservation) => $"{reservation.Platform.ToWireName()}:{reservation.ConfirmationCode}";

    /// <summary>A GUID derived from a key (SHA-256), so that the same import always publishes the same event id.</summary>
    internal static Guid DeterministicGuid(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8 (custom)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
