using System.Diagnostics;
using ChannelManager.Bookings;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Inventory;

namespace ChannelManager.Benchmarks.Burst;

/// <summary>
/// The embedded-default in-memory ledger, counting the rate and availability changes the sync engine applies, so
/// that the burst run knows when the last change of the burst was applied (the ledger itself is unchanged).
/// </summary>
internal sealed class CountingLedger : IInventoryLedger
{
    private readonly InMemoryInventoryLedger _inner = new();
    private TaskCompletionSource<long> _allApplied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _applied;
    private int _expected = int.MaxValue;

    /// <summary>Rate and availability changes applied since the last <see cref="ExpectChanges"/>.</summary>
    public int Applied => Volatile.Read(ref _applied);

    /// <summary>Starts counting from zero; the returned task completes with the timestamp of the
    /// <paramref name="count"/>-th change applied.</summary>
    public Task<long> ExpectChanges(int count)
    {
        _allApplied = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _applied, 0);
        Volatile.Write(ref _expected, count);
        return _allApplied.Task;
    }

    public async Task<IReadOnlyList<DateRange>> SetRateAsync(string tenantId, Guid propertyId, DateRange range, RateChange change, CancellationToken cancellationToken = default)
    {
        var changed = await _inner.SetRateAsync(tenantId, propertyId, range, change, cancellationToken).ConfigureAwait(false);
        CountOne();
        return changed;
    }

    public async Task<IReadOnlyList<DateRange>> SetAvailabilityAsync(string tenantId, Guid propertyId, DateRange range, AvailabilityChange change, CancellationToken cancellationToken = default)
    {
        var changed = await _inner.SetAvailabilityAsync(tenantId, propertyId, range, change, cancellationToken).ConfigureAwait(false);
        CountOne();
        return changed;
    }

    public Task<BookingApplyResult> ApplyBookingAsync(Booking booking, CancellationToken cancellationToken = default) => _inner.ApplyBookingAsync(booking, cancellationToken);

    public Task<Booking?> GetBookingAsync(string tenantId, string bookingId, CancellationToken cancellationToken = default) => _inner.GetBookingAsync(tenantId, bookingId, cancellationToken);

    public Task<IReadOnlyList<AriDay>> GetAriAsync(string tenantId, Guid propertyId, DateRange range, CancellationToken cancellationToken = default) => _inner.GetAriAsync(tenantId, propertyId, range, cancellationToken);

    private void CountOne()
    {
        if (Interlocked.Increment(ref _applied) == Volatile.Read(ref _expected))
        {
            _allApplied.TrySetResult(Stopwatch.GetTimestamp());
        }
    }
}
