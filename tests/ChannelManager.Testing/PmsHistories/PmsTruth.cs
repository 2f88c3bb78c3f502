using ChannelManager.Events;
using ChannelManager.Inventory;

namespace ChannelManager.Testing.PmsHistories;

/// <summary>
/// The PMS's truth after a history, computed from the events alone (not from the engine): each booking's final state
/// is its highest version; each night's field (units, stop-sell, rate, each restriction) is the value of the highest
/// version that set it on that night (weekday filters honoured); available units are total units less the units of
/// the confirmed bookings on the night, never below 0.
/// </summary>
public sealed class PmsTruth
{
    private readonly Dictionary<string, (long Version, BookingEvent Event)> _bookings = [];
    private readonly Dictionary<DateOnly, Night> _nights = [];

    public PmsTruth(AvailabilityUpdated setup, IEnumerable<ScriptedPmsEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        Apply(setup, 1);
        foreach (var e in events)
        {
            Apply(e.Payload, e.Version);
        }
    }

    /// <summary>Each booking's final state.</summary>
    public IReadOnlyDictionary<string, BookingEvent> Bookings => _bookings.ToDictionary(b => b.Key, b => b.Value.Event);

    /// <summary>What every night should be.</summary>
    public AriDay Expected(DateOnly night)
    {
        var n = _nights.GetValueOrDefault(night) ?? new Night();
        var total = n.TotalUnits.Value ?? 1;
        var booked = _bookings.Values
            .Where(b => b.Event is not BookingCancelled && night >= b.Event.CheckIn && night < b.Event.CheckOut)
            .Sum(b => b.Event.Units);
        return new AriDay
        {
            Date = night,
            TotalUnits = total,
            AvailableUnits = Math.Max(0, total - booked),
            StopSell = n.StopSell.Value ?? false,
            Rate = n.Rate.Value,
            Currency = n.Rate.Value is null ? null : "EUR",
            MinStay = n.MinStay.Value,
            MinStayThrough = n.MinStayThrough.Value,
            MaxStay = n.MaxStay.Value,
            ClosedToArrival = n.ClosedToArrival.Value ?? false,
            ClosedToDeparture = n.ClosedToDeparture.Value ?? false,
        };
    }

    private void Apply(PmsEvent payload, long version)
    {
        switch (payload)
        {
            case BookingEvent b:
                if (!_bookings.TryGetValue(b.BookingId, out var had) || had.Version < version)
                {
                    _bookings[b.BookingId] = (version, b);
                }

                break;
            case PricingUpdated p:
                foreach (var n in NightsOf(p.From, p.To, p.Weekdays))
                {
                    n.Rate.Offer(p.Rate, version);
                }

                break;
            case AvailabilityUpdated a:
                foreach (var n in NightsOf(a.From, a.To, a.Weekdays))
                {
                    n.TotalUnits.Offer(a.TotalUnits, version);
                    n.StopSell.Offer(a.StopSell, version);
                    n.MinStay.Offer(a.MinStay, version);
                    n.MinStayThrough.Offer(a.MinStayThrough, version);
                    n.MaxStay.Offer(a.MaxStay, version);
                    n.ClosedToArrival.Offer(a.ClosedToArrival, version);
                    n.ClosedToDeparture.Offer(a.ClosedToDeparture, version);
                }

                break;
        }
    }

    private IEnumerable<Night> NightsOf(DateOnly from, DateOnly to, IReadOnlyList<DayOfWeek>? weekdays)
    {
        for (var d = from; d < to; d = d.AddDays(1))
        {
            if (weekdays is null || weekdays.Contains(d.DayOfWeek))
            {
                if (!_nights.TryGetValue(d, out var n))
                {
                    n = new Night();
                    _nights[d] = n;
                }

                yield return n;
            }
        }
    }

    private sealed class Night
    {
        public Versioned<int> TotalUnits { get; } = new();

        public Versioned<bool> StopSell { get; } = new();

        public Versioned<decimal> Rate { get; } = new();

        public Versioned<int> MinStay { get; } = new();

        public Versioned<int> MinStayThrough { get; } = new();

        public Versioned<int> MaxStay { get; } = new();

        public Versioned<bool> ClosedToArrival { get; } = new();

        public Versioned<bool> ClosedToDeparture { get; } = new();
    }

    /// <summary>A field that keeps the value of the highest version that set it.</summary>
    private sealed class Versioned<T>
        where T : struct
    {
        private long _version = -1;

        public T? Value { get; private set; }

        public void Offer(T? value, long version)
        {
            if (value is { } v && version > _version)
            {
                Value = v;
                _version = version;
            }
        }
    }
}
