using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;

namespace ChannelManager.Storage.Tests.Contracts;

/// <summary>What every <see cref="IInventoryLedger"/> must do; run against each implementation.</summary>
public abstract class InventoryLedgerContract
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly D = new(2025, 9, 1);
    private readonly string _tenant = "tenant-" + Guid.NewGuid().ToString("N")[..8];
    private readonly Guid _property = Guid.NewGuid();

    protected abstract Task<IInventoryLedger> CreateStoreAsync();

    [Fact]
    public async Task Nights_without_any_row_have_one_free_unit_and_no_rate()
    {
        var ledger = await CreateStoreAsync();
        var days = await ledger.GetAriAsync(_tenant, _property, Range(0, 3), Ct);
        Assert.Equal([D, D.AddDays(1), D.AddDays(2)], days.Select(d => d.Date));
        Assert.All(days, d => Assert.Equal(new AriDay { Date = d.Date, TotalUnits = 1, AvailableUnits = 1 }, d));
    }

    [Fact]
    public async Task A_confirmed_booking_takes_its_nights_and_is_stored_with_every_field()
    {
        var ledger = await CreateStoreAsync();
        var booking = Booking("b1", 1, 4) with
        {
            Source = "airbnb",
            SourceConnectionId = Guid.NewGuid(),
            ConfirmationCode = "HM123",
            Platform = Platform.Airbnb,
            Version = 10,
            UpdatedAt = TestTime.At(5),
        };

        var result = await ledger.ApplyBookingAsync(booking, Ct);

        Assert.True(result.Changed);
        Assert.False(result.Overbooked);
        Assert.Equal([Range(1, 4)], result.AffectedRanges);
        Assert.Equal(booking, await ledger.GetBookingAsync(_tenant, "b1", Ct));
        Assert.Equal([1, 0, 0, 0, 1], (await ledger.GetAriAsync(_tenant, _property, Range(0, 5), Ct)).Select(d => d.AvailableUnits));
        Assert.Null(await ledger.GetBookingAsync(_tenant, "b2", Ct));
        Assert.Null(await ledger.GetBookingAsync("other-tenant", "b1", Ct));
    }

    [Fact]
    public async Task A_stale_or_repeated_version_changes_nothing()
    {
        var ledger = await CreateStoreAsync();
        var v5 = Booking("b1", 0, 2) with { Version = 5 };
        await ledger.ApplyBookingAsync(v5, Ct);

        Assert.Same(BookingApplyResult.Unchanged, await ledger.ApplyBookingAsync(Booking("b1", 3, 6) with { Version = 4 }, Ct));
        Assert.False((await ledger.ApplyBookingAsync(Booking("b1", 3, 6) with { Version = 5, Status = BookingStatus.Cancelled }, Ct)).Changed);

        Assert.Equal(v5, await ledger.GetBookingAsync(_tenant, "b1", Ct));
        Assert.Equal(new[] { 0, 0, 1, 1, 1, 1 }, Available(await ledger.GetAriAsync(_tenant, _property, Range(0, 6), Ct)));
    }

    [Fact]
    public async Task A_duplicate_with_identical_state_refreshes_nothing()
    {
        var ledger = await CreateStoreAsync();
        await ledger.SetAvailabilityAsync(_tenant, _property, Range(0, 5), new AvailabilityChange { TotalUnits = 2 }, Ct);
        await ledger.ApplyBookingAsync(Booking("b1", 0, 3), Ct);

        // The same booking again (unversioned, as a redelivered event): no unit is taken twice.
        var again = await ledger.ApplyBookingAsync(Booking("b1", 0, 3) with { Source = "direct-2", UpdatedAt = TestTime.At(9) }, Ct);

        Assert.False(again.Changed);
        Assert.Empty(again.AffectedRanges);
        Assert.Equal(new[] { 1, 1, 1, 2 }, Available(await ledger.GetAriAsync(_tenant, _property, Range(0, 4), Ct)));
        Assert.Equal("direct-2", (await ledger.GetBookingAsync(_tenant, "b1", Ct))?.Source);
    }

    [Fact]
    public async Task A_duplicate_keeps_the_overbooking_flag()
    {
        var ledger = await CreateStoreAsync();
        await ledger.ApplyBookingAsync(Booking("first", 0, 2), Ct);
        Assert.True((await ledger.ApplyBookingAsync(Booking("second", 1, 3) with { Version = 1 }, Ct)).Overbooked);

        var refresh = await ledger.ApplyBookingAsync(Booking("second", 1, 3) with { Version = 2 }, Ct);

        Assert.False(refresh.Changed);
        Assert.False(refresh.Overbooked);
        var stored = await ledger.GetBookingAsync(_tenant, "second", Ct);
        Assert.True(stored?.Overbooked);
        Assert.Equal(2, stored?.Version);
    }

    [Fact]
    public async Task A_cancellation_releases_the_nights()
    {
        var ledger = await CreateStoreAsync();
        await ledger.ApplyBookingAsync(Booking("b1", 0, 3) with { Version = 1 }, Ct);

        var result = await ledger.ApplyBookingAsync(Booking("b1", 0, 3) with { Version = 2, Status = BookingStatus.Cancelled }, Ct);

        Assert.True(result.Changed);
        Assert.Equal([Range(0, 3)], result.AffectedRanges);
        Assert.Equal(new[] { 1, 1, 1 }, Available(await ledger.GetAriAsync(_tenant, _property, Range(0, 3), Ct)));
        Assert.Equal(BookingStatus.Cancelled, (await ledger.GetBookingAsync(_tenant, "b1", Ct))?.Status);
    }

    [Fact]
    public async Task A_cancellation_that_arrives_first_wins_over_an_older_confirmation()
    {
        var ledger = await CreateStoreAsync();
        var cancelled = await ledger.ApplyBookingAsync(Booking("b1", 0, 3) with { Version = 2, Status = BookingStatus.Cancelled }, Ct);
        Assert.False(cancelled.Changed);
        Assert.Empty(cancelled.AffectedRanges);

        Assert.False((await ledger.ApplyBookingAsync(Booking("b1", 0, 3) with { Version = 1 }, Ct)).Changed);
        Assert.Equal(new[] { 1, 1, 1 }, Available(await ledger.GetAriAsync(_tenant, _property, Range(0, 3), Ct)));
    }

    [Fact]
    public async Task A_modification_releases_the_old_nights_and_takes_the_new_ones()
    {
        var ledger = await CreateStoreAsync();
        await ledger.ApplyBookingAsync(Booking("b1", 0, 3) with { Version = 1 }, Ct);

        // Adjacent stays merge into one affected range; disjoint ones stay apart, in date order.
        var adjacent = await ledger.ApplyBookingAsync(Booking("b1", 3, 5) with { Version = 2 }, Ct);
        Assert.Equal([Range(0, 5)], adjacent.AffectedRanges);
        Assert.Equal(new[] { 1, 1, 1, 0, 0, 1 }, Available(await ledger.GetAriAsync(_tenant, _property, Range(0, 6), Ct)));

        var disjoint = await ledger.ApplyBookingAsync(Booking("b1", 8, 9) with { Version = 3 }, Ct);
        Assert.True(disjoint.Changed);
        Assert.False(disjoint.Overbooked);
        Assert.Equal([Range(3, 5), Range(8, 9)], disjoint.AffectedRanges);
        Assert.Equal(new[] { 1, 1, 1, 1, 1, 1, 1, 1, 0, 1 }, Available(await ledger.GetAriAsync(_tenant, _property, Range(0, 10), Ct)));
    }

    [Fact]
    public async Task A_modification_that_overlaps_its_old_stay_is_not_an_overbooking()
    {
        var ledger = await CreateStoreAsync();
        await ledger.ApplyBookingAsync(Booking("b1", 0, 3) with { Version = 1 }, Ct);

        var longer = await ledger.ApplyBookingAsync(Booking("b1", 1, 4) with { Version = 2 }, Ct);

        Assert.False(longer.Overbooked);
        Assert.Equal([Range(0, 4)], longer.AffectedRanges);
        Assert.Equal(new[] { 1, 0, 0, 0, 1 }, Available(await ledger.GetAriAsync(_tenant, _property, Range(0, 5), Ct)));
    }

    [Fact]
    public async Task A_move_to_another_property_frees_the_old_one()
    {
        var ledger = await CreateStoreAsync();
        var other = Guid.NewGuid();
        await ledger.ApplyBookingAsync(Booking("b1", 0, 2) with { Version = 1 }, Ct);

        var moved = await ledger.ApplyBookingAsync(Booking("b1", 0, 2) with { Version = 2, PropertyId = other }, Ct);

        Assert.True(moved.Changed);
        Assert.Equal(new[] { 1, 1 }, Available(await ledger.GetAriAsync(_tenant, _property, Range(0, 2), Ct)));
        Assert.Equal(new[] { 0, 0 }, Available(await ledger.GetAriAsync(_tenant, other, Range(0, 2), Ct)));
    }

    [Fact]
    public async Task A_booking_without_a_free_unit_is_kept_and_flagged_overbooked()
    {
        var ledger = await CreateStoreAsync();
        await ledger.ApplyBookingAsync(Booking("first", 0, 3), Ct);

        var second = await ledger.ApplyBookingAsync(Booking("second", 2, 4), Ct);

        Assert.True(second.Changed);
        Assert.True(second.Overbooked);
        Assert.True((await ledger.GetBookingAsync(_tenant, "second", Ct))?.Overbooked);
        Assert.False((await ledger.GetBookingAsync(_tenant, "first", Ct))?.Overbooked);
        var days = await ledger.GetAriAsync(_tenant, _property, Range(0, 4), Ct);
        Assert.Equal([0, 0, 0, 0], Available(days));

        // Cancelling the overbooking gives back exactly what it took.
        await ledger.ApplyBookingAsync(Booking("second", 2, 4) with { Version = 1, Status = BookingStatus.Cancelled }, Ct);
        Assert.Equal(new[] { 0, 0, 0, 1 }, Available(await ledger.GetAriAsync(_tenant, _property, Range(0, 4), Ct)));
    }

    [Fact]
    public async Task Units_count_against_total_units()
    {
        var ledger = await CreateStoreAsync();
        await ledger.SetAvailabilityAsync(_tenant, _property, Range(0, 2), new AvailabilityChange { TotalUnits = 3 }, Ct);

        Assert.False((await ledger.ApplyBookingAsync(Booking("a", 0, 2) with { Units = 2 }, Ct)).Overbooked);
        Assert.Equal(new[] { 1, 1 }, Available(await ledger.GetAriAsync(_tenant, _property, Range(0, 2), Ct)));
        Assert.False((await ledger.ApplyBookingAsync(Booking("b", 0, 1), Ct)).Overbooked);
        Assert.True((await ledger.ApplyBookingAsync(Booking("c", 1, 2) with { Units = 2 }, Ct)).Overbooked);

        // Two units on nights without a row (one unit by default) are an overbooking too.
        Assert.True((await ledger.ApplyBookingAsync(Booking("d", 5, 6) with { Units = 2 }, Ct)).Overbooked);
        var days = await ledger.GetAriAsync(_tenant, _property, Range(0, 2), Ct);
        Assert.Equal([3, 3], days.Select(d => d.TotalUnits));
        Assert.Equal([0, 0], Available(days));
    }

    [Fact]
    public async Task A_night_with_no_units_is_overbooked_by_any_booking()
    {
        var ledger = await CreateStoreAsync();
        await ledger.SetAvailabilityAsync(_tenant, _property, Range(1, 2), new AvailabilityChange { TotalUnits = 0 }, Ct);
        Assert.True((await ledger.ApplyBookingAsync(Booking("b", 0, 3), Ct)).Overbooked);
    }

    [Fact]
    public async Task Rates_are_set_over_the_range_only()
    {
        var ledger = await CreateStoreAsync();
        await ledger.ApplyBookingAsync(Booking("b", 1, 2), Ct);
        await ledger.SetRateAsync(_tenant, _property, Range(1, 3), new RateChange(129.5m, "EUR"), Ct);
        await ledger.SetRateAsync(_tenant, _property, Range(2, 3), new RateChange(99.1234m, "USD"), Ct);

        var days = await ledger.GetAriAsync(_tenant, _property, Range(0, 4), Ct);
        Assert.Equal([null, 129.5m, 99.1234m, null], days.Select(d => d.Rate));
        Assert.Equal([null, "EUR", "USD", null], days.Select(d => d.Currency));
        Assert.Equal("129.5", days[1].Rate!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([1, 0, 1, 1], Available(days));
    }

    [Fact]
    public async Task Availability_changes_only_the_fields_that_are_set()
    {
        var ledger = await CreateStoreAsync();
        await ledger.SetRateAsync(_tenant, _property, Range(0, 2), new RateChange(80m, "EUR"), Ct);
        await ledger.SetAvailabilityAsync(_tenant, _property, Range(0, 2), new AvailabilityChange { TotalUnits = 4, MinStay = 2, MaxStay = 14, ClosedToArrival = true }, Ct);
        await ledger.SetAvailabilityAsync(_tenant, _property, Range(1, 3), new AvailabilityChange { StopSell = true, ClosedToDeparture = true, MinStay = 3 }, Ct);

        var days = await ledger.GetAriAsync(_tenant, _property, Range(0, 3), Ct);
        Assert.Equal(new AriDay { Date = D, TotalUnits = 4, AvailableUnits = 4, Rate = 80m, Currency = "EUR", MinStay = 2, MaxStay = 14, ClosedToArrival = true }, days[0]);
        Assert.Equal(new AriDay { Date = D.AddDays(1), TotalUnits = 4, AvailableUnits = 4, StopSell = true, Rate = 80m, Currency = "EUR", MinStay = 3, MaxStay = 14, ClosedToArrival = true, ClosedToDeparture = true }, days[1]);
        Assert.Equal(new AriDay { Date = D.AddDays(2), TotalUnits = 1, AvailableUnits = 1, StopSell = true, MinStay = 3, ClosedToDeparture = true }, days[2]);
        Assert.False(days[1].IsBookable);

        await ledger.SetAvailabilityAsync(_tenant, _property, Range(1, 2), new AvailabilityChange { StopSell = false, ClosedToArrival = false }, Ct);
        var reopened = (await ledger.GetAriAsync(_tenant, _property, Range(1, 2), Ct)).Single();
        Assert.True(reopened.IsBookable);
        Assert.False(reopened.ClosedToArrival);
        Assert.True(reopened.ClosedToDeparture);
    }

    [Fact]
    public async Task Tenants_never_see_or_change_each_others_nights_and_bookings()
    {
        var ledger = await CreateStoreAsync();
        const string other = "tenant-b";
        await ledger.SetAvailabilityAsync(other, _property, Range(0, 2), new AvailabilityChange { TotalUnits = 5, StopSell = true }, Ct);
        await ledger.SetRateAsync(other, _property, Range(0, 2), new RateChange(10m, "EUR"), Ct);
        await ledger.ApplyBookingAsync(Booking("same-id", 0, 2) with { TenantId = other, Version = 9 }, Ct);

        // Tenant A's property with the same id is untouched, and its booking with the same id is its own.
        Assert.All(await ledger.GetAriAsync(_tenant, _property, Range(0, 2), Ct), d => Assert.Equal(new AriDay { Date = d.Date, AvailableUnits = 1 }, d));
        var mine = await ledger.ApplyBookingAsync(Booking("same-id", 0, 2) with { Version = 1 }, Ct);
        Assert.True(mine.Changed);
        Assert.False(mine.Overbooked);
        Assert.Equal(1, (await ledger.GetBookingAsync(_tenant, "same-id", Ct))?.Version);
        Assert.Equal(9, (await ledger.GetBookingAsync(other, "same-id", Ct))?.Version);
        Assert.Equal(new[] { 4, 4 }, Available(await ledger.GetAriAsync(other, _property, Range(0, 2), Ct)));
    }

    [Fact]
    public async Task A_rate_older_than_the_nights_rate_changes_nothing_and_only_real_changes_are_reported()
    {
        var ledger = await CreateStoreAsync();
        Assert.Equal([Range(0, 4)], await ledger.SetRateAsync(_tenant, _property, Range(0, 4), new RateChange(100m, "EUR") { Version = 5 }, Ct));
        Assert.Empty(await ledger.SetRateAsync(_tenant, _property, Range(0, 4), new RateChange(80m, "EUR") { Version = 3 }, Ct)); // stale
        Assert.Empty(await ledger.SetRateAsync(_tenant, _property, Range(0, 4), new RateChange(100m, "EUR") { Version = 5 }, Ct)); // duplicate

        // Newer for some nights only: nights 1–2 hold version 7 after this, so version 6 changes nights 0 and 3 alone.
        Assert.Equal([Range(1, 3)], await ledger.SetRateAsync(_tenant, _property, Range(1, 3), new RateChange(120m, "EUR") { Version = 7 }, Ct));
        Assert.Equal([Range(0, 1), Range(3, 4)], await ledger.SetRateAsync(_tenant, _property, Range(0, 4), new RateChange(90m, "USD") { Version = 6 }, Ct));

        var days = await ledger.GetAriAsync(_tenant, _property, Range(0, 4), Ct);
        Assert.Equal([90m, 120m, 120m, 90m], days.Select(d => d.Rate!.Value));
        Assert.Equal(["USD", "EUR", "EUR", "USD"], days.Select(d => d.Currency!));
    }

    [Fact]
    public async Task A_weekday_filter_changes_only_those_days_of_the_week()
    {
        var ledger = await CreateStoreAsync();
        Assert.Equal(DayOfWeek.Monday, D.DayOfWeek);
        var weekend = new RateChange(150m, "EUR") { Weekdays = [DayOfWeek.Friday, DayOfWeek.Saturday] };
        Assert.Equal([Range(4, 6), Range(11, 13)], await ledger.SetRateAsync(_tenant, _property, Range(0, 14), weekend, Ct));
        Assert.Equal([Range(6, 7), Range(13, 14)], await ledger.SetAvailabilityAsync(_tenant, _property, Range(0, 14), new AvailabilityChange { ClosedToArrival = true, Weekdays = [DayOfWeek.Sunday] }, Ct));

        var days = await ledger.GetAriAsync(_tenant, _property, Range(0, 14), Ct);
        Assert.All(days, d => Assert.Equal(d.Date.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday ? 150m : null, d.Rate));
        Assert.All(days, d => Assert.Equal(d.Date.DayOfWeek == DayOfWeek.Sunday, d.ClosedToArrival));
    }

    [Fact]
    public async Task Each_restriction_has_its_own_version_so_an_older_change_of_another_field_still_applies()
    {
        var ledger = await CreateStoreAsync();
        await ledger.SetAvailabilityAsync(_tenant, _property, Range(0, 2), new AvailabilityChange { StopSell = true, Version = 5 }, Ct);

        // Older, but about closed-to-arrival and min stay through, which nothing newer has set: applies.
        Assert.Equal([Range(0, 2)], await ledger.SetAvailabilityAsync(_tenant, _property, Range(0, 2), new AvailabilityChange { ClosedToArrival = true, MinStayThrough = 3, Version = 3 }, Ct));

        // Older and about stop-sell: changes nothing; the same change newer does.
        Assert.Empty(await ledger.SetAvailabilityAsync(_tenant, _property, Range(0, 2), new AvailabilityChange { StopSell = false, Version = 4 }, Ct));
        var day = (await ledger.GetAriAsync(_tenant, _property, Range(0, 1), Ct)).Single();
        Assert.Equal(new AriDay { Date = D, AvailableUnits = 1, StopSell = true, ClosedToArrival = true, MinStayThrough = 3 }, day);

        Assert.Equal([Range(0, 2)], await ledger.SetAvailabilityAsync(_tenant, _property, Range(0, 2), new AvailabilityChange { StopSell = false, Version = 6 }, Ct));
        Assert.True((await ledger.GetAriAsync(_tenant, _property, Range(0, 1), Ct)).Single().IsBookable);
    }

    [Fact]
    public async Task A_cancellation_of_an_unknown_booking_is_recorded_and_outranks_an_older_confirmation()
    {
        var ledger = await CreateStoreAsync();
        var cancelled = await ledger.ApplyBookingAsync(Booking("late", 0, 3) with { Status = BookingStatus.Cancelled, Version = 5 }, Ct);
        Assert.False(cancelled.Overbooked);
        Assert.Equal(BookingStatus.Cancelled, (await ledger.GetBookingAsync(_tenant, "late", Ct))?.Status);

        // The confirmation it cancels arrives after it (reordered): it is older, so the nights stay free.
        Assert.False((await ledger.ApplyBookingAsync(Booking("late", 0, 3) with { Version = 4 }, Ct)).Changed);
        Assert.Equal(new[] { 1, 1, 1 }, Available(await ledger.GetAriAsync(_tenant, _property, Range(0, 3), Ct)));

        // A newer confirmation (re-booked) takes them.
        Assert.True((await ledger.ApplyBookingAsync(Booking("late", 0, 3) with { Version = 6 }, Ct)).Changed);
        Assert.Equal(new[] { 0, 0, 0 }, Available(await ledger.GetAriAsync(_tenant, _property, Range(0, 3), Ct)));
    }

    private static DateRange Range(int from, int to) => new(D.AddDays(from), D.AddDays(to));

    private static int[] Available(IReadOnlyList<AriDay> days) => days.Select(d => d.AvailableUnits).ToArray();

    private Booking Booking(string id, int from, int to) => new()
    {
        TenantId = _tenant,
        BookingId = id,
        PropertyId = _property,
        Stay = Range(from, to),
        UpdatedAt = TestTime.At(0),
    };
}
