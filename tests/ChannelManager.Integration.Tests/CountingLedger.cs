using System.Collections.Concurrent;
using ChannelManager.Bookings;
using ChannelManager.Inventory;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Integration.Tests;

/// <summary>Wraps the registered ledger (PostgreSQL here) and counts how often each night's rate is set, i.e. how often each pricing event was handled.</summary>
internal sealed class CountingLedger(IInventoryLedger inner) : IInventoryLedger
{
    private volatile TaskCompletionSource _open = CreateOpen();

    public ConcurrentDictionary<DateOnly, int> RateWrites { get; } = new();

    /// <summary>Holds every rate write until <see cref="Open"/> (a consumer that has fallen behind).</summary>
    public void Close() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets rate writes through again.</summary>
    public void Open() => _open.TrySetResult();

    /// <summary>Replaces the last <see cref="IInventoryLedger"/> registration with a counting wrapper around it.</summary>
    public static void Decorate(IServiceCollection services, Action<CountingLedger> created)
    {
        var original = services.Last(d => d.ServiceType == typeof(IInventoryLedger));
        services.Remove(original);
        services.AddSingleton<IInventoryLedger>(sp =>
        {
            var inner = original.ImplementationFactory is { } f ? (IInventoryLedger)f(sp)
                : original.ImplementationInstance is IInventoryLedger i ? i
                : (IInventoryLedger)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!);
            var counting = new CountingLedger(inner);
            created(counting);
            return counting;
        });
    }

    public Task<BookingApplyResult> ApplyBookingAsync(Booking booking, CancellationToken cancellationToken = default) => inner.ApplyBookingAsync(booking, cancellationToken);

    public Task<Booking?> GetBookingAsync(string tenantId, string bookingId, CancellationToken cancellationToken = default) => inner.GetBookingAsync(tenantId, bookingId, cancellationToken);

    public async Task<IReadOnlyList<DateRange>> SetRateAsync(string tenantId, Guid propertyId, DateRange range, RateChange change, CancellationToken cancellationToken = default)
    {
        await _open.Task.WaitAsync(cancellationToken);
        var changed = await inner.SetRateAsync(tenantId, propertyId, range, change, cancellationToken);
        RateWrites.AddOrUpdate(range.Start, 1, (_, n) => n + 1);
        return changed;
    }

    public Task<IReadOnlyList<DateRange>> SetAvailabilityAsync(string tenantId, Guid propertyId, DateRange range, AvailabilityChange change, CancellationToken cancellationToken = default) => inner.SetAvailabilityAsync(tenantId, propertyId, range, change, cancellationToken);

    private static TaskCompletionSource CreateOpen()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    public Task<IReadOnlyList<AriDay>> GetAriAsync(string tenantId, Guid propertyId, DateRange range, CancellationToken cancellationToken = default) => inner.GetAriAsync(tenantId, propertyId, range, cancellationToken);
}
