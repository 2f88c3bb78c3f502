using ChannelManager.Bookings;
using ChannelManager.Common;
using ChannelManager.Conflicts;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Events;
using ChannelManager.Inventory;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Engine.Tests;

/// <summary>
/// Found by the chaos run: the booking importer publishes a platform booking's event and then stores the booking in
/// the ledger itself. When another worker handles the event between those two steps — it reads the booking (not there
/// yet), the importer stores it (overbooked), then the handler's own apply finds the version already held — the
/// overbooking must still be recorded as a conflict.
/// </summary>
public sealed class ImportedOverbookingRaceTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_overbooking_the_importer_stores_between_the_handlers_read_and_apply_is_recorded_as_a_conflict()
    {
        var night = Today.AddDays(30);
        ImporterStoresOnFirstRead? ledger = null;
        await using var host = await EngineHost.StartAsync(null, [new RecordingAdapter()], null, services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(IInventoryLedger));
            services.Remove(original);
            services.AddSingleton<IInventoryLedger>(sp =>
            {
                var inner = original.ImplementationFactory is { } f ? (IInventoryLedger)f(sp)
                    : original.ImplementationInstance as IInventoryLedger ?? (IInventoryLedger)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!);
                return ledger = new ImporterStoresOnFirstRead(inner);
            });
        });

        var property = Guid.NewGuid();
        var connection = await host.Get<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "L", AccessToken = "x" }, Ct);
        var events = host.Get<EventService>();
        await events.PublishAsync("t", property, new BookingConfirmed { BookingId = "DIRECT-1", CheckIn = night, CheckOut = night.AddDays(3) }, cancellationToken: Ct);
        await Eventually.TrueAsync(async () => await host.Get<IInventoryLedger>().GetBookingAsync("t", "DIRECT-1", Ct) is not null, "the direct booking took its nights");

        // The importer's copy of the platform booking, stored right after the handler looked for it.
        ledger!.StoreOnFirstRead(new Booking
        {
            TenantId = "t",
            BookingId = "airbnb:RACE1",
            PropertyId = property,
            Stay = new DateRange(night.AddDays(1), night.AddDays(2)),
            Units = 1,
            Status = BookingStatus.Confirmed,
            Source = "airbnb",
            SourceConnectionId = connection.Id,
            ConfirmationCode = "RACE1",
            Platform = Platform.Airbnb,
            Version = 7,
            UpdatedAt = DateTimeOffset.UtcNow,
        });
        await events.PublishAsync("t", property, new BookingConfirmed { BookingId = "airbnb:RACE1", CheckIn = night.AddDays(1), CheckOut = night.AddDays(2), Source = "airbnb", SourceConnectionId = connection.Id, Status = "confirmed" }, version: 7, cancellationToken: Ct);

        await Eventually.TrueAsync(() => ledger.Stored, "the importer's copy was stored between the handler's read and its apply");
        var store = host.Get<IConflictStore>();
        await Eventually.TrueAsync(async () => (await store.ListAsync("t", new ConflictQuery(property), new PageRequest(), Ct)).Items.Any(c => c.BookingId == "airbnb:RACE1"), "the overbooking was recorded as a conflict");
        Assert.True((await host.Get<IInventoryLedger>().GetBookingAsync("t", "airbnb:RACE1", Ct))!.Overbooked);
    }

    private sealed class ImporterStoresOnFirstRead(IInventoryLedger inner) : IInventoryLedger
    {
        private Booking? _pending;

        public bool Stored { get; private set; }

        public void StoreOnFirstRead(Booking booking) => _pending = booking;

        public Task<BookingApplyResult> ApplyBookingAsync(Booking booking, CancellationToken cancellationToken = default) => inner.ApplyBookingAsync(booking, cancellationToken);

        public async Task<Booking?> GetBookingAsync(string tenantId, string bookingId, CancellationToken cancellationToken = default)
        {
            var seen = await inner.GetBookingAsync(tenantId, bookingId, cancellationToken);
            if (_pending is { } pending && pending.BookingId == bookingId && Interlocked.Exchange(ref _pending, null) is not null)
            {
                await inner.ApplyBookingAsync(pending, cancellationToken);
                Stored = true;
            }

            return seen;
        }

        public Task<IReadOnlyList<DateRange>> SetRateAsync(string tenantId, Guid propertyId, DateRange range, RateChange change, CancellationToken cancellationToken = default) => inner.SetRateAsync(tenantId, propertyId, range, change, cancellationToken);

        public Task<IReadOnlyList<DateRange>> SetAvailabilityAsync(string tenantId, Guid propertyId, DateRange range, AvailabilityChange change, CancellationToken cancellationToken = default) => inner.SetAvailabilityAsync(tenantId, propertyId, range, change, cancellationToken);

        public Task<IReadOnlyList<AriDay>> GetAriAsync(string tenantId, Guid propertyId, DateRange range, CancellationToken cancellationToken = default) => inner.GetAriAsync(tenantId, propertyId, range, cancellationToken);
    }
}
