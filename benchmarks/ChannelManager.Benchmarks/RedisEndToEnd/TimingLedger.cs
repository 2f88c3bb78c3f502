using System.Diagnostics;
using ChannelManager.Bookings;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Inventory;

namespace ChannelManager.Benchmarks.RedisEndToEnd;

/// <summary>
/// The engine's in-memory ledger, noting when each event was applied: the load run's events carry their number as
/// the rate, so <see cref="SetRateAsync"/> sees which event the sync engine is handling.
/// </summary>
internal sealed class TimingLedger : IInventoryLedger
{
    private readonly InMemoryInventoryLedger _inner = new();
    private long[] _handledAt = [];
    private int _handled;

    public int Handled => Volatile.Read(ref _handled);

    public void Reset(int events)
    {
        _handledAt = new long[events];
        Volatile.Write(ref _handled, 0);
    }

    public long HandledAt(int index) => Volatile.Read(ref _handledAt[index]);

    public async Task<IReadOnlyList<DateRange>> SetRateAsync(string tenantId, Guid propertyId, DateRange range, RateChange change, CancellationToken cancellationToken = default)
    {
        var changed = await _inner.SetRateAsync(tenantId, propertyId, range, change, cancellationToken).ConfigureAwait(false);
        var index = (int)change.Rate;
        var slots = _handledAt;
        if (index >= 0 && index < slots.Length && Interlocked.CompareExchange(ref slots[index], Stopwatch.GetTimestamp(), 0) == 0)
        {
            Interlocked.Increment(ref _handled);
        }

        return changed;
    }

    public Task<BookingApplyResult> ApplyBookingAsync(Booking booking, CancellationToken cancellationToken = default) => _inner.ApplyBookingAsync(booking, cancellationToken);

    public Task<Booking?> GetBookingAsync(string tenantId, string bookingId, CancellationToken cancellationToken = default) => _inner.GetBookingAsync(tenantId, bookingId, cancellationToken);

    public Task<IReadOnlyList<DateRange>> SetAvailabilityAsync(string tenantId, Guid propertyId, DateRange range, AvailabilityChange change, CancellationToken cancellationToken = default) => _inner.SetAvailabilityAsync(tenantId, propertyId, range, change, cancellationToken);

    public Task<IReadOnlyList<AriDay>> GetAriAsync(string tenantId, Guid propertyId, DateRange range, CancellationToken cancellationToken = default) => _inner.GetAriAsync(tenantId, propertyId, range, cancellationToken);
}
