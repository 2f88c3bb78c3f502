using ChannelManager.Connections;
using ChannelManager.Events;
using ChannelManager.Inventory;

namespace ChannelManager.Testing.PmsHistories;

/// <summary>
/// Turns a history's steps into the events the PMS publishes, in the order it made the changes, with versions: one
/// counter per booking, one for the property's rates and availability (version 1 is the case's setup, which gives
/// every night the case's units). A step that makes no sense where it stands (cancel a booking that is not live)
/// publishes nothing; modify of a booking that is not live confirms it, so any sub-list of steps is a history.
/// A night's total units only ever rise (a PMS that lowers units below what is sold overbooks by its own choice,
/// which is not what the no-double-sell property is about).
/// </summary>
public static class PmsScript
{
    /// <summary>The platform of a case's k-th connection, which platform bookings from it name as their source.</summary>
    public static readonly IReadOnlyList<Platform> ConnectionPlatforms = [Platform.Airbnb, Platform.BookingCom, Platform.Expedia, Platform.FewoDirekt];

    /// <summary>The case's setup (version 1): <paramref name="units"/> units on each of the <paramref name="nights"/> nights.</summary>
    public static AvailabilityUpdated Setup(int units, DateOnly firstNight, int nights) =>
        new() { From = firstNight, To = firstNight.AddDays(nights), TotalUnits = units };

    /// <summary>
    /// The events of <paramref name="steps"/> for a property with <paramref name="units"/> units and
    /// <paramref name="connections"/> connections. A PMS booking's id is <c>{pmsBookingPrefix}-b{n}</c> (booking ids
    /// are unique per tenant: cases that share a tenant give each their own prefix), a platform booking's
    /// <c>c{k}-b{n}</c>.
    /// </summary>
    public static IReadOnlyList<ScriptedPmsEvent> Events(IReadOnlyList<PmsStep> steps, int units, int connections, DateOnly firstNight, string pmsBookingPrefix)
    {
        var events = new List<ScriptedPmsEvent>();
        var bookings = new Dictionary<string, (bool Live, DateRange Stay, int Units, long Version)>();
        long ariVersion = 1;
        var maxUnits = units;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var range = new DateRange(firstNight.AddDays(step.Start), firstNight.AddDays(step.Start + step.Nights));
            switch (step.Kind)
            {
                case PmsChangeKind.PmsBooking or PmsChangeKind.PlatformBooking:
                {
                    int? source = step.Kind == PmsChangeKind.PlatformBooking ? step.Connection % connections : null;
                    var id = source is { } c ? $"c{c}-b{step.Booking}" : $"{pmsBookingPrefix}-b{step.Booking}";
                    var known = bookings.TryGetValue(id, out var current);
                    var live = known && current.Live;
                    var version = known ? current.Version + 1 : 1;
                    var sourceName = source is { } sc ? ConnectionPlatforms[sc].ToWireName() : "direct";
                    BookingEvent payload;
                    DateRange? held;
                    int bookingUnits;
                    if (step.Action == BookingAction.Cancel)
                    {
                        if (!live)
                        {
                            continue;
                        }

                        bookingUnits = current.Units;
                        payload = new BookingCancelled { BookingId = id, CheckIn = current.Stay.Start, CheckOut = current.Stay.End, Units = bookingUnits, Source = sourceName };
                        bookings[id] = current with { Live = false, Version = version };
                        held = null;
                    }
                    else if (step.Action == BookingAction.Modify && live)
                    {
                        bookingUnits = current.Units;
                        payload = new BookingModified { BookingId = id, CheckIn = range.Start, CheckOut = range.End, Units = bookingUnits, Source = sourceName };
                        bookings[id] = (true, range, bookingUnits, version);
                        held = range;
                    }
                    else
                    {
                        bookingUnits = step.Units;
                        payload = new BookingConfirmed { BookingId = id, CheckIn = range.Start, CheckOut = range.End, Units = bookingUnits, Source = sourceName };
                        bookings[id] = (true, range, bookingUnits, version);
                        held = range;
                    }

                    events.Add(new ScriptedPmsEvent(i, payload, version, source, held, bookingUnits));
                    break;
                }

                case PmsChangeKind.Price:
                    events.Add(new ScriptedPmsEvent(i, new PricingUpdated { From = range.Start, To = range.End, Rate = step.Rate, Currency = "EUR", Weekdays = step.Weekdays }, ++ariVersion, null, null, 0));
                    break;
                case PmsChangeKind.Availability:
                    int? total = null;
                    if (step.TotalUnits is { } t)
                    {
                        maxUnits = Math.Max(maxUnits, t);
                        total = maxUnits;
                    }

                    events.Add(new ScriptedPmsEvent(
                        i,
                        new AvailabilityUpdated
                        {
                            From = range.Start,
                            To = range.End,
                            TotalUnits = total,
                            StopSell = step.StopSell,
                            MinStay = step.MinStay,
                            MinStayThrough = step.MinStayThrough,
                            MaxStay = step.MaxStay,
                            ClosedToArrival = step.ClosedToArrival,
                            ClosedToDeparture = step.ClosedToDeparture,
                            Weekdays = step.Weekdays,
                        },
                        ++ariVersion,
                        null,
                        null,
                        0));
                    break;
            }
        }

        return events;
    }

    /// <summary>
    /// The order events reach the engine: each event's first delivery is its step's <see cref="PmsStep.Delay"/>
    /// places late (later events overtake it), and a duplicate follows <see cref="PmsStep.DuplicateAfter"/> places
    /// after the first delivery.
    /// </summary>
    public static IReadOnlyList<PmsDelivery> Deliveries(IReadOnlyList<PmsStep> steps, IReadOnlyList<ScriptedPmsEvent> events)
    {
        var slots = new List<(double Position, int Order, PmsDelivery Delivery)>();
        for (var i = 0; i < events.Count; i++)
        {
            var step = steps[events[i].Step];
            var first = i + step.Delay + 0.5;
            slots.Add((first, slots.Count, new PmsDelivery(events[i], IsDuplicate: false)));
            if (step.DuplicateAfter is { } again)
            {
                slots.Add((first + again + 0.25, slots.Count, new PmsDelivery(events[i], IsDuplicate: true)));
            }
        }

        return slots.OrderBy(s => s.Position).ThenBy(s => s.Order).Select(s => s.Delivery).ToArray();
    }
}
