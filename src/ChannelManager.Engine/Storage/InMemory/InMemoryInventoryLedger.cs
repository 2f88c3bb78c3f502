using ChannelManager.Bookings;
using ChannelManager.Inventory;

namespace ChannelManager.Engine.Storage.InMemory;

/// <summary>
/// The embedded-default inventory ledger: per property and night the total units, units booked, stop-sell, rate
/// and restrictions, plus every booking by id (versioned, so stale and duplicate updates change nothing).
/// One lock serialises changes, which keeps booking moves between properties atomic.
/// </summary>
internal sealed class InMemoryInventoryLedger : IInventoryLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Tenant, Guid Property), Dictionary<DateOnly, Night>> _nights = [];
    private readonly Dictionary<(string Tenant, string BookingId), Booking> _bookings = [];

    public Task<BookingApplyResult> ApplyBookingAsync(Booking booking, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(booking);
        lock (_gate)
        {
            var key = (booking.TenantId, booking.BookingId);
            _bookings.TryGetValue(key, out var existing);
            if (existing is not null && booking.Version > 0 && existing.Version >= booking.Version)
            {
                return Task.FromResult(BookingApplyResult.Unchanged);
            }

            if (existing is not null && existing.Status == booking.Status && existing.Stay == booking.Stay
                && existing.Units == booking.Units && existing.PropertyId == booking.PropertyId)
            {
                _bookings[key] = booking with { Overbooked = existing.Overbooked };
                return Task.FromResult(BookingApplyResult.Unchanged);
            }

            var affected = new List<DateRange>();
            if (existing is { Status: BookingStatus.Confirmed })
            {
                AddBooked(existing.TenantId, existing.PropertyId, existing.Stay, -existing.Units);
                affected.Add(existing.Stay);
            }

            var overbooked = false;
            if (booking.Status == BookingStatus.Confirmed)
            {
                var nights = NightsOf(booking.TenantId, booking.PropertyId);
                foreach (var d in booking.Stay.EachNight())
                {
                    var n = nights.GetValueOrDefault(d);
                    var free = (n?.TotalUnits ?? 1) - (n?.Booked ?? 0);
                    if (free < booking.Units)
                    {
                        overbooked = true;
                        break;
                    }
                }

                AddBooked(booking.TenantId, booking.PropertyId, booking.Stay, booking.Units);
                affected.Add(booking.Stay);
            }

            _bookings[key] = booking with { Overbooked = overbooked };
            return Task.FromResult(new BookingApplyResult(affected.Count > 0, Merge(affected), overbooked));
        }
    }

    public Task<Booking?> GetBookingAsync(string tenantId, string bookingId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_bookings.GetValueOrDefault((tenantId, bookingId)));
        }
    }

    public Task<IReadOnlyList<DateRange>> SetRateAsync(string tenantId, Guid propertyId, DateRange range, RateChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var changed = new NightRuns();
        lock (_gate)
        {
            var nights = NightsOf(tenantId, propertyId);
            foreach (var d in range.EachNight())
            {
                if (change.Weekdays is { } days && !days.Contains(d.DayOfWeek))
                {
                    continue;
                }

                var n = GetOrAdd(nights, d);
                if (change.Version < n.RateVersion)
                {
                    continue; // a newer rate is already here
                }

                n.RateVersion = change.Version;
                if (n.Rate != change.Rate || n.Currency != change.Currency)
                {
                    n.Rate = change.Rate;
                    n.Currency = change.Currency;
                    changed.Add(d);
                }
            }
        }

        return Task.FromResult(changed.Ranges);
    }

    public Task<IReadOnlyList<DateRange>> SetAvailabilityAsync(string tenantId, Guid propertyId, DateRange range, AvailabilityChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var changed = new NightRuns();
        lock (_gate)
        {
            var nights = NightsOf(tenantId, propertyId);
            var v = change.Version;
            foreach (var d in range.EachNight())
            {
                if (change.Weekdays is { } days && !days.Contains(d.DayOfWeek))
                {
                    continue;
                }

                var n = GetOrAdd(nights, d);
                var any = Set(ref n.TotalUnits, ref n.TotalUnitsVersion, change.TotalUnits, v)
                    | Set(ref n.StopSell, ref n.StopSellVersion, change.StopSell, v)
                    | Set(ref n.MinStay, ref n.MinStayVersion, change.MinStay, v)
                    | Set(ref n.MinStayThrough, ref n.MinStayThroughVersion, change.MinStayThrough, v)
                    | Set(ref n.MaxStay, ref n.MaxStayVersion, change.MaxStay, v)
                    | Set(ref n.ClosedToArrival, ref n.ClosedToArrivalVersion, change.ClosedToArrival, v)
                    | Set(ref n.ClosedToDeparture, ref n.ClosedToDepartureVersion, change.ClosedToDeparture, v);
                if (any)
                {
                    changed.Add(d);
                }
            }
        }

        return Task.FromResult(changed.Ranges);
    }

    /// <summary>Sets one field of a night if the change has it and is not older than the field's version.</summary>
    /// <returns>Whether the value changed.</returns>
    private static bool Set<T>(ref T? field, ref long fieldVersion, T? value, long version)
        where T : struct
    {
        if (value is null || version < fieldVersion)
        {
            return false;
        }

        fieldVersion = version;
        if (Nullable.Equals(field, value))
        {
            return false;
        }

        field = value;
        return true;
    }

    public Task<IReadOnlyList<AriDay>> GetAriAsync(string tenantId, Guid propertyId, DateRange range, CancellationToken cancellationToken = default)
    {
        var days = new List<AriDay>(range.Nights);
        lock (_gate)
        {
            _nights.TryGetValue((tenantId, propertyId), out var nights);
            foreach (var d in range.EachNight())
            {
                var n = nights?.GetValueOrDefault(d);
                var total = n?.TotalUnits ?? 1;
                days.Add(new AriDay
                {
                    Date = d,
                    TotalUnits = total,
                    AvailableUnits = Math.Max(0, total - (n?.Booked ?? 0)),
                    StopSell = n?.StopSell ?? false,
                    Rate = n?.Rate,
                    Currency = n?.Currency,
                    MinStay = n?.MinStay,
                    MinStayThrough = n?.MinStayThrough,
                    MaxStay = n?.MaxStay,
                    ClosedToArrival = n?.ClosedToArrival ?? false,
                    ClosedToDeparture = n?.ClosedToDeparture ?? false,
                });
            }
        }

        return Task.FromResult<IReadOnlyList<AriDay>>(days);
    }

    private static List<DateRange> Merge(List<DateRange> ranges)
    {
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<DateRange>();
        foreach (var r in ranges)
        {
            if (merged.Count > 0 && merged[^1].OverlapsOrTouches(r))
            {
                merged[^1] = merged[^1].Hull(r);
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }

    private static Night GetOrAdd(Dictionary<DateOnly, Night> nights, DateOnly d)
    {
        if (!nights.TryGetValue(d, out var n))
        {
            n = new Night();
            nights[d] = n;
        }

        return n;
    }

    private Dictionary<DateOnly, Night> NightsOf(string tenantId, Guid propertyId)
    {
        if (!_nights.TryGetValue((tenantId, propertyId), out var nights))
        {
            nights = [];
            _nights[(tenantId, propertyId)] = nights;
        }

        return nights;
    }

    private void AddBooked(string tenantId, Guid propertyId, DateRange stay, int units)
    {
        var nights = NightsOf(tenantId, propertyId);
        foreach (var d in stay.EachNight())
        {
            GetOrAdd(nights, d).Booked += units;
        }
    }

    // Fields rather than properties, so that Set can take them by reference; each field has the version that set it.
    private sealed class Night
    {
        public int? TotalUnits;
        public long TotalUnitsVersion;
        public int Booked;
        public bool? StopSell;
        public long StopSellVersion;
        public decimal? Rate;
        public string? Currency;
        public long RateVersion;
        public int? MinStay;
        public long MinStayVersion;
        public int? MinStayThrough;
        public long MinStayThroughVersion;
        public int? MaxStay;
        public long MaxStayVersion;
        public bool? ClosedToArrival;
        public long ClosedToArrivalVersion;
        public bool? ClosedToDeparture;
        public long ClosedToDepartureVersion;
    }
}
