using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChannelManager.Common;
using ChannelManager.Conflicts;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Sync;
using ChannelManager.Events;
using ChannelManager.Inventory;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Engine.Tests;

/// <summary>A booking for nights with no unit left is still accepted, and recorded, raised and counted as a conflict exactly once.</summary>
public sealed class OverbookingConflictTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_overlapping_booking_is_kept_and_recorded_raised_and_counted_once_even_when_redelivered()
    {
        var observer = new CollectingObserver();
        var adapter = new RecordingAdapter();
        await using var host = await EngineHost.StartAsync(null, [adapter], s => s.AddSingleton<IConflictObserver>(observer));

        // Only this host's meter: other tests in the process record conflicts too.
        var meters = host.Get<IMeterFactory>();
        var counted = new ConcurrentBag<(long Value, string? Source)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ConflictRecorder.MeterName && instrument.Meter.Scope == meters && instrument.Name == "channel_manager_overbooking_conflicts_total")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? source = null;
            foreach (var t in tags)
            {
                if (t.Key == "source")
                {
                    source = t.Value as string;
                }
            }

            counted.Add((value, source));
        });
        listener.Start();

        var property = Guid.NewGuid();
        var connection = await host.Get<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "L", AccessToken = "x" }, Ct);
        var events = host.Get<EventService>();
        var night = Today.AddDays(30);

        await events.PublishAsync("t", property, new BookingConfirmed { BookingId = "DIRECT-1", CheckIn = night, CheckOut = night.AddDays(3) }, cancellationToken: Ct);
        await Eventually.TrueAsync(async () => await host.Get<IInventoryLedger>().GetBookingAsync("t", "DIRECT-1", Ct) is not null, "the first booking took its nights");
        var late = new BookingConfirmed { BookingId = "AIRBNB-9", CheckIn = night.AddDays(2), CheckOut = night.AddDays(5), Source = "airbnb", SourceConnectionId = connection.Id };
        await events.PublishAsync("t", property, late, version: 1, cancellationToken: Ct);

        var store = host.Get<IConflictStore>();
        await Eventually.TrueAsync(async () => (await store.ListAsync("t", new ConflictQuery(property), new PageRequest(), Ct)).Total == 1, "the conflict was recorded");
        var conflict = (await store.ListAsync("t", new ConflictQuery(property), new PageRequest(), Ct)).Items.Single();
        Assert.Equal("AIRBNB-9", conflict.BookingId);
        Assert.Equal(new DateRange(night.AddDays(2), night.AddDays(5)), conflict.Stay);
        Assert.Equal("airbnb", conflict.Source);
        Assert.Equal(connection.Id, conflict.SourceConnectionId);
        Assert.True(conflict.IsOpen);

        var kept = await host.Get<IInventoryLedger>().GetBookingAsync("t", "AIRBNB-9", Ct);
        Assert.NotNull(kept);
        Assert.True(kept.Overbooked, "the guest has paid: the booking is kept, flagged");

        // The same booking event delivered again (a new delivery of the same version) records nothing new.
        await events.PublishAsync("t", property, late, version: 1, cancellationToken: Ct);
        await events.PublishAsync("t", property, new BookingConfirmed { BookingId = "DIRECT-2", CheckIn = night.AddDays(10), CheckOut = night.AddDays(11) }, cancellationToken: Ct);
        await Eventually.TrueAsync(async () => await host.Get<IInventoryLedger>().GetBookingAsync("t", "DIRECT-2", Ct) is not null, "later events were handled");

        Assert.Equal(1, (await store.ListAsync("t", new ConflictQuery(property), new PageRequest(), Ct)).Total);
        Assert.Equal([conflict.Id], observer.Seen.Select(c => c.Id));
        listener.RecordObservableInstruments();
        Assert.Equal([(1L, "airbnb")], counted);
        Assert.Equal(conflict.Id, ConflictRecorder.ConflictId("t", "AIRBNB-9"));
    }

    [Fact]
    public async Task A_failing_observer_does_not_stop_the_sync_or_the_other_observers()
    {
        var good = new CollectingObserver();
        var adapter = new RecordingAdapter();
        await using var host = await EngineHost.StartAsync(null, [adapter], s =>
        {
            s.AddSingleton<IConflictObserver>(new ThrowingObserver());
            s.AddSingleton<IConflictObserver>(good);
        });
        var property = Guid.NewGuid();
        await host.Get<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "L2", AccessToken = "x" }, Ct);
        var events = host.Get<EventService>();
        var night = Today.AddDays(50);
        await events.PublishAsync("t", property, new BookingConfirmed { BookingId = "A", CheckIn = night, CheckOut = night.AddDays(2) }, cancellationToken: Ct);
        await Eventually.TrueAsync(async () => await host.Get<IInventoryLedger>().GetBookingAsync("t", "A", Ct) is not null, "the first booking took its nights");
        await events.PublishAsync("t", property, new BookingConfirmed { BookingId = "B", CheckIn = night, CheckOut = night.AddDays(2) }, cancellationToken: Ct);

        await Eventually.TrueAsync(() => !good.Seen.IsEmpty, "the second observer was told");
        await Eventually.TrueAsync(() => adapter.IsClosed("L2", night), "the nights were still closed on the platform");
    }

    [Fact]
    public async Task A_source_platform_that_releases_an_overbooked_night_is_told_the_ledger_count_again()
    {
        // The source platform adjusts itself for its own bookings, from the count it was last told (clamped at 0):
        // after an overbooking that arithmetic parts from the ledger's, so the source is pushed like the others.
        var adapter = new RecordingAdapter();
        await using var host = await EngineHost.StartAsync(null, adapter);
        var property = Guid.NewGuid();
        var service = host.Get<ChannelConnectionService>();
        await service.CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "S0", AccessToken = "x" }, Ct);
        var guestSide = await service.CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "S1", AccessToken = "x" }, Ct);
        await Eventually.TrueAsync(() => adapter.PushCalls >= 2, "the initial pushes");
        var events = host.Get<EventService>();
        var night = Today.AddDays(60);

        await events.PublishAsync("t", property, new BookingConfirmed { BookingId = "PMS", CheckIn = night, CheckOut = night.AddDays(1) }, cancellationToken: Ct);
        await Eventually.TrueAsync(() => adapter.IsClosed("S0", night) && adapter.IsClosed("S1", night), "the direct booking closed the night everywhere");
        await events.PublishAsync("t", property, new BookingConfirmed { BookingId = "GUEST", CheckIn = night, CheckOut = night.AddDays(1), Source = "airbnb", SourceConnectionId = guestSide.Id }, cancellationToken: Ct);
        await Eventually.TrueAsync(async () => (await host.Get<IInventoryLedger>().GetBookingAsync("t", "GUEST", Ct))?.Overbooked == true, "the guest's booking is an overbooking");

        // The guest cancels on S1: S1 gives its unit back by itself, but the direct booking still holds the night.
        var pushesBefore = adapter.Pushes.Count(p => p.Connection.Id == guestSide.Id);
        await events.PublishAsync("t", property, new BookingCancelled { BookingId = "GUEST", CheckIn = night, CheckOut = night.AddDays(1), Source = "airbnb", SourceConnectionId = guestSide.Id }, version: 2, cancellationToken: Ct);

        await Eventually.TrueAsync(
            () => adapter.Pushes.Where(p => p.Connection.Id == guestSide.Id).Skip(pushesBefore)
                .Any(p => p.Days.Any(d => d.Date == night && d.AvailableUnits == 0 && !d.IsBookable)),
            "the source listing was told that the night is still sold (to the direct guest)");
    }

    private sealed class CollectingObserver : IConflictObserver
    {
        public ConcurrentQueue<OverbookingConflict> Seen { get; } = new();

        public Task OnOverbookingAsync(OverbookingConflict conflict, CancellationToken cancellationToken = default)
        {
            Seen.Enqueue(conflict);
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingObserver : IConflictObserver
    {
        public Task OnOverbookingAsync(OverbookingConflict conflict, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("pager down");
    }
}
