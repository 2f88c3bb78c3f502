using System.Diagnostics.Metrics;
using ChannelManager.Engine.Telemetry;
using System.Security.Cryptography;
using System.Text;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Conflicts;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Engine.Sync;

/// <summary>
/// Records an overbooking conflict for a booking the ledger accepted onto nights with no unit left: once per booking
/// (the conflict's id follows from tenant and booking id, so a redelivered event records nothing twice), counted in
/// <c>channel_manager_overbooking_conflicts_total{source}</c>, logged, and handed to every
/// <see cref="IConflictObserver"/> the host registered.
/// </summary>
internal sealed class ConflictRecorder
{
    /// <summary>The meter every ChannelManager instrument belongs to (<see cref="ChannelManagerMetrics.MeterName"/>).</summary>
    public const string MeterName = ChannelManagerMetrics.MeterName;

    private readonly IConflictStore _store;
    private readonly IReadOnlyList<IConflictObserver> _observers;
    private readonly TimeProvider _time;
    private readonly ILogger<ConflictRecorder> _logger;
    private readonly Counter<long> _conflicts;

    public ConflictRecorder(IConflictStore store, IEnumerable<IConflictObserver> observers, TimeProvider time, ILogger<ConflictRecorder> logger, ChannelManagerInstruments instruments)
    {
        _store = store;
        _observers = observers.ToArray();
        _time = time;
        _logger = logger;
        _conflicts = instruments.OverbookingConflicts;
    }

    /// <summary>The <c>source</c> label: <c>direct</c>, a platform's wire name, or <c>other</c> (a PMS may send any source; labels stay bounded).</summary>
    private static string TelemetrySourceLabel(string? source) =>
        source is null ? "unknown" : source == "direct" ? "direct" : PlatformNames.TryParse(source, out var platform) ? platform.ToWireName() : "other";

    /// <summary>The id of a booking's conflict: the same for every detection of it.</summary>
    public static Guid ConflictId(string tenantId, string bookingId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("overbooking:" + tenantId + "\n" + bookingId), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8 (name-based, custom)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>Records the conflict of an overbooked booking unless it is recorded already.</summary>
    /// <param name="booking">The booking as the ledger holds it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the conflict was new.</returns>
    public async Task<bool> RecordAsync(Booking booking, CancellationToken cancellationToken)
    {
        var conflict = new OverbookingConflict
        {
            Id = ConflictId(booking.TenantId, booking.BookingId),
            TenantId = booking.TenantId,
            PropertyId = booking.PropertyId,
            BookingId = booking.BookingId,
            Stay = booking.Stay,
            Units = booking.Units,
            Source = booking.Platform?.ToWireName() ?? booking.Source,
            SourceConnectionId = booking.SourceConnectionId,
            ConfirmationCode = booking.ConfirmationCode,
            DetectedAt = _time.GetUtcNow(),
        };
        if (!await _store.AddIfAbsentAsync(conflict, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        _conflicts.Add(1, new KeyValuePair<string, object?>(ChannelManagerMetrics.SourceLabel, TelemetrySourceLabel(conflict.Source)));
        _logger.LogError(
            "Overbooking conflict {ConflictId}: booking {BookingId} ({Source}) takes nights {Stay} of property {PropertyId} that had no unit left",
            conflict.Id,
            conflict.BookingId,
            conflict.Source ?? "unknown",
            conflict.Stay,
            conflict.PropertyId);
        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnOverbookingAsync(conflict, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Conflict observer {Observer} failed for conflict {ConflictId}", observer.GetType().Name, conflict.Id);
            }
        }

        return true;
    }
}
