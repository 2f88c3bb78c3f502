using System.Collections.Concurrent;
using ChannelManager.Bookings;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Inventory;

namespace ChannelManager.Transport.Tests;

/// <summary>
/// The engine's in-memory ledger, recording every rate the sync engine applies: the tests publish
/// <c>pricing.updated</c> events whose rate is the event's number, so each handled event shows up here once.
/// A test can make handling block or fail through <see cref="OnSetRate"/>.
/// </summary>
internal sealed class RecordingLedger : IInventoryLedger
{
    private readonly InMemoryInventoryLedger _inner = new();

    /// <summary>How often each rate (event number) was applied.</summary>
    public ConcurrentDictionary<decimal, int> Rates { get; } = new();

    /// <summary>The rates in the order they were applied.</summary>
    public ConcurrentQueue<decimal> Order { get; } = new();

    /// <summary>Runs before a rate is applied; throw to fail the event, await to block it.</summary>
    public Func<decimal, CancellationToken, Task>? OnSetRate { get; set; }

    public int Count(decimal rate) => Rates.TryGetValue(rate, out var c) ? c : 0;

    public async Task<IReadOnlyList<DateRange>> SetRateAsync(string tenantId, Guid propertyId, DateRange range, RateChange change, CancellationToken cancellationToken = default)
    {
        if (OnSetRate is { } hook)
        {
            await hook(change.Rate, cancellationToken);
        }

        var changed = await _inner.SetRateAsync(tenantId, propertyId, range, change, cancellationToken);
        Rates.AddOrUpdate(change.Rate, 1, (_, c) => c + 1);
        Order.Enqueue(change.Rate);
        return changed;
    }

    public Task<BookingApplyResult> ApplyBookingAsync(Booking booking, CancellationToken cancellationToken = default) => _inner.ApplyBookingAsync(booking, cancellationToken);

    public Task<Booking?> GetBookingAsync(string tenantId, string bookingId, CancellationToken cancellationToken = default) => _inner.GetBookingAsync(tenantId, bookingId, cancellationToken);

    public Task<IReadOnlyList<DateRange>> SetAvailabilityAsync(string tenantId, Guid propertyId, DateRange range, AvailabilityChange change, CancellationToken cancellationToken = default) => _inner.SetAvailabilityAsync(tenantId, propertyId, range, change, cancellationToken);

    public Task<IReadOnlyList<AriDay>> GetAriAsync(string tenantId, Guid propertyId, DateRange range, CancellationToken cancellationToken = default) => _inner.GetAriAsync(tenantId, propertyId, range, cancellationToken);
}
