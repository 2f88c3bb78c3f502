using ChannelManager.Bookings;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Inventory;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChannelManager.Engine.Tests;

public sealed class InventoryLedgerTests
{
    private static readonly DateOnly D0 = new(2030, 3, 1);
    private static readonly Guid Property = Guid.Parse("6b1f0000-0000-0000-0000-000000000001");

    private static Booking Stay(string id, int from, int to, long version = 0, BookingStatus status = BookingStatus.Confirmed, int units = 1) => new()
    {
        TenantId = "t",
        BookingId = id,
        PropertyId = Property,
        Stay = new DateRange(D0.AddDays(from), D0.AddDays(to)),
        Status = status,
        Version = version,
        Units = units,
    };

    private static async Task<int[]> Available(InMemoryInventoryLedger ledger, int from, int to) =>
        (await ledger.GetAriAsync("t", Property, new DateRange(D0.AddDays(from), D0.AddDays(to)))).Select(d => d.AvailableUnits).ToArray();

    [Fact]
    public async Task A_booking_takes_its_nights_and_not_the_check_out_day()
    {
        var ledger = new InMemoryInventoryLedger();
        var r = await ledger.ApplyBookingAsync(Stay("b1", 2, 5), TestContext.Current.CancellationToken);
        Assert.True(r.Changed);
        Assert.False(r.Overbooked);
        Assert.Equal([new DateRange(D0.AddDays(2), D0.AddDays(5))], r.AffectedRanges);
        Assert.Equal(new int[] { 1, 1, 0, 0, 0, 1 }, await Available(ledger, 0, 6));
    }

    [Fact]
    public async Task A_modification_releases_the_old_nights_and_takes_the_new_ones()
    {
        var ledger = new InMemoryInventoryLedger();
        await ledger.ApplyBookingAsync(Stay("b1", 2, 5, 1), TestContext.Current.CancellationToken);
        var r = await ledger.ApplyBookingAsync(Stay("b1", 4, 7, 2), TestContext.Current.CancellationToken);
        Assert.Equal([new DateRange(D0.AddDays(2), D0.AddDays(7))], r.AffectedRanges);
        Assert.Equal(new int[] { 1, 1, 1, 1, 0, 0, 0, 1 }, await Available(ledger, 0, 8));
    }

    [Fact]
    public async Task A_stale_or_duplicate_version_changes_nothing()
    {
        var ledger = new InMemoryInventoryLedger();
        await ledger.ApplyBookingAsync(Stay("b1", 2, 5, 5), TestContext.Current.CancellationToken);
        var stale = await ledger.ApplyBookingAsync(Stay("b1", 2, 5, 4, BookingStatus.Cancelled), TestContext.Current.CancellationToken);
        var duplicate = await ledger.ApplyBookingAsync(Stay("b1", 2, 5, 5), TestContext.Current.CancellationToken);
        Assert.False(stale.Changed);
        Assert.False(duplicate.Changed);
        Assert.Equal(new int[] { 0, 0, 0 }, await Available(ledger, 2, 5));
    }

    [Fact]
    public async Task A_booking_with_no_unit_left_is_kept_but_flagged_as_an_overbooking()
    {
        var ledger = new InMemoryInventoryLedger();
        await ledger.ApplyBookingAsync(Stay("b1", 2, 5), TestContext.Current.CancellationToken);
        var r = await ledger.ApplyBookingAsync(Stay("b2", 4, 6), TestContext.Current.CancellationToken);
        Assert.True(r.Overbooked);
        Assert.True((await ledger.GetBookingAsync("t", "b2", TestContext.Current.CancellationToken))!.Overbooked);
        Assert.Equal(new int[] { 0, 0, 0, 0, 1 }, await Available(ledger, 2, 7));
    }

    [Fact]
    public async Task Rooms_with_several_units_sell_down_to_zero()
    {
        var ledger = new InMemoryInventoryLedger();
        await ledger.SetAvailabilityAsync("t", Property, new DateRange(D0, D0.AddDays(10)), new AvailabilityChange { TotalUnits = 3 }, TestContext.Current.CancellationToken);
        await ledger.ApplyBookingAsync(Stay("b1", 0, 2, units: 2), TestContext.Current.CancellationToken);
        var r = await ledger.ApplyBookingAsync(Stay("b2", 1, 3), TestContext.Current.CancellationToken);
        Assert.False(r.Overbooked);
        Assert.Equal(new int[] { 1, 0, 2, 3 }, await Available(ledger, 0, 4));
    }

    [Fact]
    public async Task Rates_and_restrictions_change_only_the_fields_given()
    {
        var ledger = new InMemoryInventoryLedger();
        var range = new DateRange(D0, D0.AddDays(3));
        await ledger.SetRateAsync("t", Property, range, new RateChange(129.50m, "EUR"), TestContext.Current.CancellationToken);
        await ledger.SetAvailabilityAsync("t", Property, range, new AvailabilityChange { MinStay = 2, ClosedToArrival = true }, TestContext.Current.CancellationToken);
        await ledger.SetAvailabilityAsync("t", Property, range, new AvailabilityChange { StopSell = true }, TestContext.Current.CancellationToken);
        var day = (await ledger.GetAriAsync("t", Property, range, TestContext.Current.CancellationToken))[1];
        Assert.Equal(129.50m, day.Rate);
        Assert.Equal("EUR", day.Currency);
        Assert.Equal(2, day.MinStay);
        Assert.True(day.ClosedToArrival);
        Assert.True(day.StopSell);
        Assert.False(day.IsBookable);
    }

    /// <summary>
    /// Invariant 1 (no overlap beyond inventory unless recorded as a conflict): after any sequence of booking
    /// confirmations, modifications and cancellations, each night's free units equal total minus the units of the
    /// confirmed bookings covering it, and every night sold beyond inventory belongs to a booking flagged overbooked.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Availability_always_equals_inventory_minus_confirmed_bookings()
    {
        var op = from id in Gen.Choose(0, 5)
                 from start in Gen.Choose(0, 20)
                 from nights in Gen.Choose(1, 6)
                 from cancel in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
                 select (Id: $"b{id}", Start: start, End: start + nights, Cancel: cancel);
        return Prop.ForAll(op.ListOf().ToArbitrary(), ops =>
        {
            var ledger = new InMemoryInventoryLedger();
            var version = 0L;
            foreach (var o in ops)
            {
                ledger.ApplyBookingAsync(Stay(o.Id, o.Start, o.End, ++version, o.Cancel ? BookingStatus.Cancelled : BookingStatus.Confirmed)).GetAwaiter().GetResult();
            }

            var bookings = Enumerable.Range(0, 6).Select(i => ledger.GetBookingAsync("t", $"b{i}").GetAwaiter().GetResult())
                .Where(b => b is { Status: BookingStatus.Confirmed }).Select(b => b!).ToList();
            var days = ledger.GetAriAsync("t", Property, new DateRange(D0, D0.AddDays(30))).GetAwaiter().GetResult();
            foreach (var d in days)
            {
                var covering = bookings.Where(b => b.Stay.Contains(d.Date)).ToList();
                if (d.AvailableUnits != Math.Max(0, 1 - covering.Count))
                {
                    return false;
                }

                if (covering.Count > 1 && covering.Count(b => b.Overbooked) < covering.Count - 1)
                {
                    return false;
                }
            }

            return true;
        });
    }
}
