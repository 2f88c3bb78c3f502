using System.Diagnostics;
using ChannelManager.Adapters;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Events;
using ChannelManager.Inventory;
using ChannelManager.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Sync;

/// <summary>
/// Routes the five PMS event types: applies each to the inventory ledger and marks the affected nights dirty for
/// every syncable connection of the property, except the connection a booking came from (its platform already
/// knows). The dispatcher then pushes the current state of those nights.
/// </summary>
public sealed class SyncEngine
{
    private readonly IInventoryLedger _ledger;
    private readonly IChannelConnectionStore _connections;
    private readonly DirtyRangeQueue _dirty;
    private readonly IDirtyRangeStore _dirtyStore;
    private readonly ConflictRecorder _conflicts;
    private readonly TimeProvider _time;
    private readonly ChannelManagerOptions _options;
    private readonly ILogger<SyncEngine> _logger;

    internal SyncEngine(IInventoryLedger ledger, IChannelConnectionStore connections, DirtyRangeQueue dirty, IDirtyRangeStore dirtyStore, ConflictRecorder conflicts, TimeProvider time, IOptions<ChannelManagerOptions> options, ILogger<SyncEngine> logger)
    {
        _conflicts = conflicts;
        _ledger = ledger;
        _connections = connections;
        _dirty = dirty;
        _dirtyStore = dirtyStore;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Applies one event and schedules the pushes it causes.</summary>
    /// <param name="envelope">The event.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many connections were marked dirty.</returns>
    public async Task<int> HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        switch (envelope.Payload)
        {
            case BookingEvent b:
                return await HandleBookingAsync(envelope, b, cancellationToken).ConfigureAwait(false);
            case PricingUpdated p:
            {
                var range = new DateRange(p.From, p.To);
                var change = new RateChange(p.Rate, p.Currency) { Weekdays = p.Weekdays, Version = AriVersion(envelope) };
                var changed = await _ledger.SetRateAsync(envelope.TenantId, envelope.PropertyId, range, change, cancellationToken).ConfigureAwait(false);
                LogIfNothingChanged(envelope, changed);
                return await FanOutAsync(envelope, [range], AriPushScope.Rates, cancellationToken).ConfigureAwait(false);
            }

            case AvailabilityUpdated a:
            {
                var range = new DateRange(a.From, a.To);
                var change = new AvailabilityChange
                {
                    TotalUnits = a.TotalUnits,
                    StopSell = a.StopSell,
                    MinStay = a.MinStay,
                    MinStayThrough = a.MinStayThrough,
                    MaxStay = a.MaxStay,
                    ClosedToArrival = a.ClosedToArrival,
                    ClosedToDeparture = a.ClosedToDeparture,
                    Weekdays = a.Weekdays,
                    Version = AriVersion(envelope),
                };
                var changed = await _ledger.SetAvailabilityAsync(envelope.TenantId, envelope.PropertyId, range, change, cancellationToken).ConfigureAwait(false);
                LogIfNothingChanged(envelope, changed);
                return await FanOutAsync(envelope, [range], AriPushScope.Availability | AriPushScope.Restrictions, cancellationToken).ConfigureAwait(false);
            }

            default:
                throw new NotSupportedException($"Event type '{envelope.Type}' is not handled.");
        }
    }

    /// <summary>Marks the whole sync window dirty for one connection (persisted first, then scheduled).</summary>
    /// <returns>The window.</returns>
    internal async Task<DateRange> MarkWindowDirtyAsync(ChannelConnection connection, AriPushScope scope, string trigger, CancellationToken cancellationToken)
    {
        var today = Today();
        var window = new DateRange(today, today.AddDays(_options.SyncWindowDays));
        await MarkAsync([new DirtyMark(connection.TenantId, connection.Id, window, scope, trigger)], cancellationToken).ConfigureAwait(false);
        return window;
    }

    /// <summary>Marks nights of one connection dirty (persisted first, then scheduled): a reconciliation's repairs.</summary>
    internal Task MarkDirtyAsync(ChannelConnection connection, IReadOnlyList<DateRange> ranges, AriPushScope scope, string trigger, CancellationToken cancellationToken)
    {
        var marks = new DirtyMark[ranges.Count];
        for (var i = 0; i < ranges.Count; i++)
        {
            marks[i] = new DirtyMark(connection.TenantId, connection.Id, ranges[i], scope, trigger);
        }

        return MarkAsync(marks, cancellationToken);
    }

    /// <summary>Persists marks, then hands them to the dispatcher's queue, so a crash in between loses no push.</summary>
    /// <param name="marks">The marks.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <param name="origin">The event behind the marks, if any (kept in memory with them, for latency and tracing).</param>
    private async Task MarkAsync(IReadOnlyList<DirtyMark> marks, CancellationToken cancellationToken, SyncOrigin origin = default)
    {
        if (marks.Count == 0)
        {
            return;
        }

        var sequences = await _dirtyStore.AddAsync(marks, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < marks.Count; i++)
        {
            var m = marks[i];
            _dirty.MarkDirty(new ConnectionKey(m.TenantId, m.ConnectionId), m.Range, m.Scope, m.Trigger, sequences[i], origin);
        }
    }

    private async Task<int> HandleBookingAsync(EventEnvelope envelope, BookingEvent b, CancellationToken cancellationToken)
    {
        var previous = await _ledger.GetBookingAsync(envelope.TenantId, b.BookingId, cancellationToken).ConfigureAwait(false);
        var stay = new DateRange(b.CheckIn, b.CheckOut);
        var booking = new Booking
        {
            TenantId = envelope.TenantId,
            BookingId = b.BookingId,
            PropertyId = envelope.PropertyId,
            Stay = stay,
            Units = b.Units,
            Status = b is BookingCancelled ? BookingStatus.Cancelled : BookingStatus.Confirmed,
            Source = b.Source,
            SourceConnectionId = b.SourceConnectionId ?? previous?.SourceConnectionId,
            Version = envelope.Version,
            UpdatedAt = envelope.OccurredAt,
            ConfirmationCode = previous?.ConfirmationCode ?? ImportedConfirmationCode(b),
            Platform = previous?.Platform ?? (ImportedConfirmationCode(b) is null ? null : PlatformNames.TryParse(b.Source, out var imported) ? imported : null),
        };
        var result = await _ledger.ApplyBookingAsync(booking, cancellationToken).ConfigureAwait(false);
        if (result.Overbooked)
        {
            await _conflicts.RecordAsync(booking, cancellationToken).ConfigureAwait(false);
        }
        else if (!result.Changed
            && (previous is { Overbooked: true } ? previous : await _ledger.GetBookingAsync(envelope.TenantId, b.BookingId, cancellationToken).ConfigureAwait(false)) is { Overbooked: true } stored)
        {
            // Imported (the importer applies a platform booking right after publishing its event, so it may have stored
            // it between the read of `previous` above and this apply: the stored version is read again, else such an
            // overbooking went unrecorded — found by the chaos run) or redelivered after a crash that may have come
            // before the conflict was stored: recording it again is harmless.
            await _conflicts.RecordAsync(stored, cancellationToken).ConfigureAwait(false);
        }

        // Push the nights this booking touches (old and new stay) even if the ledger already held this version
        // (an imported booking is applied before its event): pushing state is idempotent.
        var ranges = new List<DateRange>(result.AffectedRanges);
        if (ranges.Count == 0)
        {
            ranges.Add(stay);
            if (previous is not null && previous.Stay != stay)
            {
                ranges.Add(previous.Stay);
            }
        }

        // The stay before a modification, as its publisher knew it: when the ledger already held this version (an
        // imported booking is applied by the importer, perhaps before this event is handled), the ledger no longer
        // knows the old nights, and they must be reopened on the other channels all the same.
        if (b is BookingModified { PreviousCheckIn: { } previousIn, PreviousCheckOut: { } previousOut } && previousOut > previousIn)
        {
            var previousStay = new DateRange(previousIn, previousOut);
            if (!ranges.Contains(previousStay))
            {
                ranges.Add(previousStay);
            }
        }

        // Every connection of the property is told the ledger's state, the booking's own platform too: that platform
        // adjusted itself for its booking, but a push that read the ledger before the booking and lands after it would
        // set the sold nights back to open there (an absolute count), with nothing left to repair it; the push queued
        // here carries the state after the booking, so every platform, the source included, ends on the ledger's.
        // (The same push also corrects a source that adjusted itself from a count clamped at 0 after an overbooking.)
        return await FanOutAsync(envelope, ranges, AriPushScope.Availability, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The confirmation code of a booking the importer publishes (id <c>{platform}:{code}</c>, source = that platform,
    /// with its source connection) when this event is handled before the importer stores the booking itself.
    /// </summary>
    private static string? ImportedConfirmationCode(BookingEvent b) =>
        b.SourceConnectionId is not null && PlatformNames.TryParse(b.Source, out _) && b.BookingId.Length > b.Source.Length + 1 &&
        b.BookingId.StartsWith(b.Source + ":", StringComparison.Ordinal)
            ? b.BookingId[(b.Source.Length + 1)..]
            : null;

    private async Task<int> FanOutAsync(EventEnvelope envelope, IReadOnlyList<DateRange> ranges, AriPushScope scope, CancellationToken cancellationToken)
    {
        var today = Today();
        var window = new DateRange(today, today.AddDays(_options.SyncWindowDays));
        var clipped = new List<DateRange>(ranges.Count);
        foreach (var range in ranges)
        {
            if (range.Intersect(window) is { } inWindow)
            {
                clipped.Add(inWindow);
            }
        }

        if (clipped.Count == 0)
        {
            return 0;
        }

        var connections = await _connections.GetSyncableForPropertyAsync(envelope.TenantId, envelope.PropertyId, cancellationToken).ConfigureAwait(false);
        var marks = new List<DirtyMark>(connections.Count * clipped.Count);
        var marked = 0;
        foreach (var c in connections)
        {
            foreach (var r in clipped)
            {
                marks.Add(new DirtyMark(c.TenantId, c.Id, r, scope, envelope.Type));
            }

            marked++;
        }

        var origin = new SyncOrigin(envelope.EventId, envelope.Type, envelope.OccurredAt, Activity.Current?.Context ?? default);
        await MarkAsync(marks, cancellationToken, origin).ConfigureAwait(false);
        return marked;
    }

    /// <summary>
    /// The version that orders rate and availability updates of a night: the envelope's, or, when the publisher sent
    /// none, the time it was published in microseconds since 1970 (so updates handled out of order by concurrent
    /// consumers still end in the order they were published). A publisher that sends versions must always send them.
    /// </summary>
    internal static long AriVersion(EventEnvelope envelope) =>
        envelope.Version > 0 ? envelope.Version : (envelope.OccurredAt.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;

    /// <remarks>
    /// The nights are marked dirty all the same: if the process stopped after the ledger write but before the marks
    /// were stored, the redelivered event finds the ledger already changed, and only this keeps the push from being
    /// lost (pushing current state again is harmless).
    /// </remarks>
    private void LogIfNothingChanged(EventEnvelope envelope, IReadOnlyList<DateRange> changed)
    {
        if (changed.Count == 0)
        {
            _logger.LogDebug("Event {EventId} ({Type}) changed no night: stale, duplicate or equal to the ledger", envelope.EventId, envelope.Type);
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
}
