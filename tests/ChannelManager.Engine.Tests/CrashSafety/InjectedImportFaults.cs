using System.Collections.Concurrent;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Events;
using ChannelManager.Inventory;
using ChannelManager.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Engine.Tests.CrashSafety;

/// <summary>
/// Failures injected into the stores and the bus under an import, each armed once: the call throws as if the process
/// stopped right there (before or after the real work), and the inbox retries the entry. Also counts the events
/// published, by id.
/// </summary>
internal sealed class InjectedImportFaults
{
    private int _ledgerWriteFails;
    private int _stopAfterLedgerWrite;
    private int _publishFails;
    private int _inboxDoneFails;

    public ConcurrentDictionary<Guid, int> MarkFailures { get; } = new();

    public ConcurrentDictionary<Guid, int> Published { get; } = new();

    public void FailLedgerWriteOnce() => Volatile.Write(ref _ledgerWriteFails, 1);

    public void StopAfterLedgerWriteOnce() => Volatile.Write(ref _stopAfterLedgerWrite, 1);

    public void FailPublishOnce() => Volatile.Write(ref _publishFails, 1);

    public void FailInboxDoneOnce() => Volatile.Write(ref _inboxDoneFails, 1);

    public void FailMarkOnce(Guid processedId) => MarkFailures[processedId] = 1;

    /// <summary>Wraps the engine's ledger, bus, processed-event store and inbox (call after <c>AddChannelManager</c>).</summary>
    public void Decorate(IServiceCollection services)
    {
        DecorateLast<IInventoryLedger>(services, inner => new Ledger(inner, this));
        DecorateLast<IEventBus>(services, inner => new Bus(inner, this));
        DecorateLast<IProcessedEventStore>(services, inner => new Processed(inner, this));
        DecorateLast<IWebhookInbox>(services, inner => new Inbox(inner, this));
    }

    private static bool Take(ref int armed) => Interlocked.Exchange(ref armed, 0) == 1;

    private static void DecorateLast<T>(IServiceCollection services, Func<T, T> wrap)
        where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(original);
        services.AddSingleton(sp =>
        {
            var inner = original.ImplementationFactory is { } f ? (T)f(sp)
                : original.ImplementationInstance is T i ? i
                : (T)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!);
            return wrap(inner);
        });
    }

    private static InvalidOperationException Stop(string where) => new($"injected: the process stopped {where}");

    private sealed class Ledger(IInventoryLedger inner, InjectedImportFaults faults) : IInventoryLedger
    {
        public async Task<BookingApplyResult> ApplyBookingAsync(Booking booking, CancellationToken cancellationToken = default)
        {
            if (Take(ref faults._ledgerWriteFails))
            {
                throw Stop("before the ledger write");
            }

            var result = await inner.ApplyBookingAsync(booking, cancellationToken);
            return Take(ref faults._stopAfterLedgerWrite) ? throw Stop("after the ledger write") : result;
        }

        public Task<Booking?> GetBookingAsync(string tenantId, string bookingId, CancellationToken cancellationToken = default) => inner.GetBookingAsync(tenantId, bookingId, cancellationToken);

        public Task<IReadOnlyList<DateRange>> SetRateAsync(string tenantId, Guid propertyId, DateRange range, RateChange change, CancellationToken cancellationToken = default) => inner.SetRateAsync(tenantId, propertyId, range, change, cancellationToken);

        public Task<IReadOnlyList<DateRange>> SetAvailabilityAsync(string tenantId, Guid propertyId, DateRange range, AvailabilityChange change, CancellationToken cancellationToken = default) => inner.SetAvailabilityAsync(tenantId, propertyId, range, change, cancellationToken);

        public Task<IReadOnlyList<AriDay>> GetAriAsync(string tenantId, Guid propertyId, DateRange range, CancellationToken cancellationToken = default) => inner.GetAriAsync(tenantId, propertyId, range, cancellationToken);
    }

    private sealed class Bus(IEventBus inner, InjectedImportFaults faults) : IEventBus
    {
        public ValueTask PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken = default)
        {
            if (envelope.Payload is BookingEvent && Take(ref faults._publishFails))
            {
                throw Stop("while publishing the booking event");
            }

            faults.Published.AddOrUpdate(envelope.EventId, 1, (_, n) => n + 1);
            return inner.PublishAsync(envelope, cancellationToken);
        }

        public IAsyncEnumerable<EventDelivery> ConsumeAsync(CancellationToken cancellationToken) => inner.ConsumeAsync(cancellationToken);
    }

    private sealed class Processed(IProcessedEventStore inner, InjectedImportFaults faults) : IProcessedEventStore
    {
        public Task<bool> IsProcessedAsync(Guid eventId, CancellationToken cancellationToken = default) => inner.IsProcessedAsync(eventId, cancellationToken);

        public Task<bool> MarkProcessedAsync(Guid eventId, CancellationToken cancellationToken = default) =>
            faults.MarkFailures.TryRemove(eventId, out _) ? throw Stop($"before recording {eventId}") : inner.MarkProcessedAsync(eventId, cancellationToken);
    }

    private sealed class Inbox(IWebhookInbox inner, InjectedImportFaults faults) : IWebhookInbox
    {
        public Task<bool> TryAddAsync(WebhookInboxEntry entry, CancellationToken cancellationToken = default) => inner.TryAddAsync(entry, cancellationToken);

        public Task<IReadOnlyList<WebhookInboxEntry>> GetDueAsync(int max, DateTimeOffset now, CancellationToken cancellationToken = default) => inner.GetDueAsync(max, now, cancellationToken);

        public Task MarkProcessedAsync(Guid id, string? tenantId, CancellationToken cancellationToken = default) =>
            Take(ref faults._inboxDoneFails) ? throw Stop("before the inbox entry was marked done") : inner.MarkProcessedAsync(id, tenantId, cancellationToken);

        public Task MarkFailedAsync(Guid id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) => inner.MarkFailedAsync(id, error, nextAttemptAt, cancellationToken);

        public Task<IReadOnlyDictionary<Platform, int>> GetBacklogAsync(CancellationToken cancellationToken = default) => inner.GetBacklogAsync(cancellationToken);

        public Task ParkAsync(Guid id, Guid unmappedReservationId, string reason, DateTimeOffset recheckAt, CancellationToken cancellationToken = default) =>
            inner.ParkAsync(id, unmappedReservationId, reason, recheckAt, cancellationToken);

        public Task<int> RequeueParkedAsync(Guid unmappedReservationId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            inner.RequeueParkedAsync(unmappedReservationId, now, cancellationToken);
    }
}
