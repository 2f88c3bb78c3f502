using System.Diagnostics;
using ChannelManager.Bookings;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Inventory;

namespace ChannelManager.Benchmarks.Latency;

/// <summary>
/// The engine's in-memory ledger, noting when the booking of each event was committed: the benchmark's booking ids
/// are <c>b{number}</c>, so <see cref="ApplyBookingAsync"/> knows which event it is applying. For Vrbo / FeWo-direkt
/// (which reads the feeds served from this ledger) this commit is the moment it "holds" the closed nights.
/// </summary>
internal sealed class BookingCommitClock(int events) : IInventoryLedger
{
    private readonly InMemoryInventoryLedger _inner = new();
    private readonly long[] _committedAt = new long[events];

    public long CommittedAt(int index) => Volatile.Read(ref _committedAt[index]);

    public async Task<BookingApplyResult> ApplyBookingAsync(Booking booking, CancellationToken cancellationToken = default)
    {
        var result = await _inner.ApplyBookingAsync(booking, cancellationToken).ConfigureAwait(false);
        if (booking.BookingId.Length > 1 && booking.BookingId[0] == 'b' && int.TryParse(booking.BookingId.AsSpan(1), out var index) && index >= 0 && index < _committedAt.Length)
        {
            Interlocked.CompareExchange(ref _committedAt[index], Stopwatch.GetTimestamp(), 0);
        }

        return result;
    }

    public Task<Booking?> GetBookingAsync(string tenantId, string bookingId, CancellationToken cancellationToken = default) => _inner.GetBookingAsync(tenantId, bookingId, cancellationToken);

    public Task<IReadOnlyList<DateRange>> SetRateAsync(string tenantId, Guid propertyId, DateRange range, RateChange change, CancellationToken cancellationToken = default) => _inner.SetRateAsync(tenantId, propertyId, range, change, cancellationToken);

    public Task<IReadOnlyList<DateRange>> SetAvailabilityAsync(string tenantId, Guid propertyId, DateRange range, AvailabilityChange change, CancellationToken cancellationToken = default) => _inner.SetAvailabilityAsync(tenantId, propertyId, range, change, cancellationToken);

    public Task<IReadOnlyList<AriDay>> GetAriAsync(string tenantId, Guid propertyId, DateRange range, CancellationToken cancellationToken = default) => _inner.GetAriAsync(tenantId, propertyId, range, cancellationToken);
}
