using ChannelManager.Events;
using ChannelManager.Inventory;

namespace ChannelManager.AspNetCore.Tests.Convergence;

/// <summary>
/// Turns a history's steps into the events the PMS publishes, in the order it made the changes, with versions: one
/// counter per booking, one for the property's rates and availability (version 1 is the case's setup, which gives
/// every night the case's units). A cancel of a booking that is not live publishes nothing, a modify of one confirms
/// it, so any sub-list of steps is a history. A night's total units only ever rise, as in the engine's properties.
/// Booking ids are unique per tenant, and every case runs in the same tenant: each case gives its own prefix.
/// </summary>
internal static class ConvergenceScript
{
    public static AvailabilityUpdated Setup(ConvergenceHistory history, DateOnly firstNight) =>
        new() { From = firstNight, To = firstNight.AddDays(ConvergenceHistory.Nights), TotalUnits = history.Units };

    public static IReadOnlyList<ConvergenceEvent> Events(ConvergenceHistory history, DateOnly firstNight, string bookingPrefix)
    {
        var events = new List<ConvergenceEvent>();
        var bookings = new Dictionary<string, (bool Live, DateRange Stay, int Units, long Version)>();
        long ariVersion = 1;
        var maxUnits = history.Units;
        for (var i = 0; i < history.Steps.Count; i++)
        {
            var step = history.Steps[i];
            var from = firstNight.AddDays(step.Start);
            var to = firstNight.AddDays(step.Start + step.Nights);
            switch (step.Kind)
            {
                case ConvergenceStepKind.Booking:
                {
                    var id = $"{bookingPrefix}-b{step.Booking}";
                    var known = bookings.TryGetValue(id, out var current);
                    var live = known && current.Live;
                    var version = known ? current.Version + 1 : 1;
                    if (step.Change == BookingChange.Cancel)
                    {
                        if (!live)
                        {
                            continue;
                        }

                        events.Add(new ConvergenceEvent(i, new BookingCancelled { BookingId = id, CheckIn = current.Stay.Start, CheckOut = current.Stay.End, Units = current.Units }, version));
                        bookings[id] = current with { Live = false, Version = version };
                    }
                    else if (step.Change == BookingChange.Modify && live)
                    {
                        events.Add(new ConvergenceEvent(i, new BookingModified { BookingId = id, CheckIn = from, CheckOut = to, Units = current.Units }, version));
                        bookings[id] = (true, new DateRange(from, to), current.Units, version);
                    }
                    else
                    {
                        events.Add(new ConvergenceEvent(i, new BookingConfirmed { BookingId = id, CheckIn = from, CheckOut = to, Units = step.Units }, version));
                        bookings[id] = (true, new DateRange(from, to), step.Units, version);
                    }

                    break;
                }

                case ConvergenceStepKind.Price:
                    events.Add(new ConvergenceEvent(i, new PricingUpdated { From = from, To = to, Rate = step.Rate, Currency = "EUR", Weekdays = step.Weekdays }, ++ariVersion));
                    break;
                case ConvergenceStepKind.Availability:
                    int? total = null;
                    if (step.TotalUnits is { } t)
                    {
                        maxUnits = Math.Max(maxUnits, t);
                        total = maxUnits;
                    }

                    events.Add(new ConvergenceEvent(
                        i,
                        new AvailabilityUpdated
                        {
                            From = from,
                            To = to,
                            TotalUnits = total,
                            StopSell = step.StopSell,
                            MinStay = step.MinStay,
                            MinStayThrough = step.MinStayThrough,
                            MaxStay = step.MaxStay,
                            ClosedToArrival = step.ClosedToArrival,
                            ClosedToDeparture = step.ClosedToDeparture,
                            Weekdays = step.Weekdays,
                        },
                        ++ariVersion));
                    break;
            }
        }

        return events;
    }

    /// <summary>
    /// The order events reach the engine: each event's first delivery is its step's delay places late (later events
    /// overtake it) and carries the step's fault; a duplicate follows the given places after the first delivery.
    /// </summary>
    public static IReadOnlyList<ConvergenceDelivery> Deliveries(ConvergenceHistory history, IReadOnlyList<ConvergenceEvent> events)
    {
        var slots = new List<(double Position, int Order, ConvergenceDelivery Delivery)>();
        for (var i = 0; i < events.Count; i++)
        {
            var step = history.Steps[events[i].Step];
            var eventId = Guid.NewGuid();
            var first = i + step.Delay + 0.5;
            slots.Add((first, slots.Count, new ConvergenceDelivery(events[i], eventId, step.Fault)));
            if (step.DuplicateAfter is { } again)
            {
                var duplicateId = step.DuplicateWithNewId ? Guid.NewGuid() : eventId;
                slots.Add((first + again + 0.25, slots.Count, new ConvergenceDelivery(events[i], duplicateId, InjectedFault.None)));
            }
        }

        return slots.OrderBy(s => s.Position).ThenBy(s => s.Order).Select(s => s.Delivery).ToArray();
    }
}
