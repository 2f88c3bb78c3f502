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

    public Task SetRateAsync(string tenantId, Guid propertyId, DateRange range, decimal rate, string currency, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var nights = NightsOf(tenantId, propertyId);
            foreach (var d in range.EachNight())
            {
                var n = GetOrAdd(nights, d);
                n.Rate = rate;
                n.Currency = currency;
            }
        }

        return Task.CompletedTask;
    }

    public Task SetAvailabilityAsync(string tenantId, Guid propertyId, DateRange range, AvailabilityChange change, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var nights = NightsOf(tenantId, propertyId);
            foreach (var d in range.EachNight())
            {
                var n = GetOrAdd(nights, d);
                n.TotalUnits = change.TotalUnits ?? n.TotalUnits;
                n.StopSell = change.StopSell ?? n.StopSell;
                n.MinStay = change.MinStay ?? n.MinStay;
                n.MaxStay = change.MaxStay ?? n.MaxStay;
                n.ClosedToArrival = change.ClosedToArrival ?? n.ClosedToArrival;
                n.ClosedToDeparture = change.ClosedToDeparture ?? n.ClosedToDeparture;
            }
        }

        return Task.CompletedTask;
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

    private sealed class Night
    {
        public int? TotalUnits { get; set; }

        public int Booked { get; set; }

        public bool StopSell { get; set; }

        public decimal? Rate { get; set; }

        public string? Currency { get; set; }

        public int? MinStay { get; set; }

        public int? MaxStay { get; set; }

        public bool ClosedToArrival { get; set; }

        public bool ClosedToDeparture { get; set; }
    }
}
