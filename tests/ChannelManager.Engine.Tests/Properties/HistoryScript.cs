using ChannelManager.Connections;
using ChannelManager.Events;
using ChannelManager.Inventory;

namespace ChannelManager.Engine.Tests.Properties;

/// <summary>
/// Turns a history's steps into the events the PMS publishes, in the order it made the changes, with versions: one
/// counter per booking, one for the property's rates and availability (version 1 is the case's setup, which gives
/// every night the case's units). A step that makes no sense where it stands (cancel a booking that is not live)
/// publishes nothing; modify of a booking that is not live confirms it, so any sub-list of steps is a history.
/// A night's total units only ever rise (a PMS that lowers units below what is sold overbooks by its own choice,
/// which is not what the no-double-sell property is about).
/// </summary>
internal static class HistoryScript
{
    public static readonly Platform[] Platforms = [Platform.Airbnb, Platform.BookingCom, Platform.Expedia, Platform.FewoDirekt];

    public static AvailabilityUpdated Setup(SyncHistory history, DateOnly firstNight) =>
        new() { From = firstNight, To = firstNight.AddDays(SyncHistory.Nights), TotalUnits = history.Units };

    public static IReadOnlyList<ScriptedEvent> Events(SyncHistory history, DateOnly firstNight)
    {
        var events = new List<ScriptedEvent>();
        var bookings = new Dictionary<string, (bool Live, DateRange Stay, int Units, long Version)>();
        long ariVersion = 1;
        var maxUnits = history.Units;
        for (var i = 0; i < history.Steps.Count; i++)
        {
            var step = history.Steps[i];
            var range = new DateRange(firstNight.AddDays(step.Start), firstNight.AddDays(step.Start + step.Nights));
            switch (step.Kind)
            {
                case StepKind.PmsBooking or StepKind.PlatformBooking:
                {
                    int? source = step.Kind == StepKind.PlatformBooking ? step.Connection % history.Connections : null;
                    var id = source is { } c ? $"c{c}-b{step.Booking}" : $"pms-b{step.Booking}";
                    var known = bookings.TryGetValue(id, out var current);
                    var live = known && current.Live;
                    var version = known ? current.Version + 1 : 1;
                    var sourceName = source is { } sc ? Platforms[sc].ToWireName() : "direct";
                    BookingEvent payload;
                    DateRange? held;
                    int units;
                    if (step.Action == BookingAction.Cancel)
                    {
                        if (!live)
                        {
                            continue;
                        }

                        units = current.Units;
                        payload = new BookingCancelled { BookingId = id, CheckIn = current.Stay.Start, CheckOut = current.Stay.End, Units = units, Source = sourceName };
                        bookings[id] = current with { Live = false, Version = version };
                        held = null;
                    }
                    else if (step.Action == BookingAction.Modify && live)
                    {
                        units = current.Units;
                        payload = new BookingModified { BookingId = id, CheckIn = range.Start, CheckOut = range.End, Units = units, Source = sourceName };
                        bookings[id] = (true, range, units, version);
                        held = range;
                    }
                    else
                    {
                        units = step.Units;
                        payload = new BookingConfirmed { BookingId = id, CheckIn = range.Start, CheckOut = range.End, Units = units, Source = sourceName };
                        bookings[id] = (true, range, units, version);
                        held = range;
                    }

                    events.Add(new ScriptedEvent(i, payload, version, source, held, units));
                    break;
                }

                case StepKind.Price:
                    events.Add(new ScriptedEvent(i, new PricingUpdated { From = range.Start, To = range.End, Rate = step.Rate, Currency = "EUR", Weekdays = step.Weekdays }, ++ariVersion, null, null, 0));
                    break;
                case StepKind.Availability:
                    int? total = null;
                    if (step.TotalUnits is { } t)
                    {
                        maxUnits = Math.Max(maxUnits, t);
                        total = maxUnits;
                    }

                    events.Add(new ScriptedEvent(
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
    /// The order events reach the engine: each event's first delivery is its step's <see cref="HistoryStep.Delay"/>
    /// places late (later events overtake it), and a duplicate follows <see cref="HistoryStep.DuplicateAfter"/> places
    /// after the first delivery.
    /// </summary>
    public static IReadOnlyList<ScriptedEvent> Deliveries(SyncHistory history, IReadOnlyList<ScriptedEvent> events)
    {
        var slots = new List<(double Position, int Order, ScriptedEvent Event)>();
        for (var i = 0; i < events.Count; i++)
        {
            var step = history.Steps[events[i].Step];
            var first = i + step.Delay + 0.5;
            slots.Add((first, slots.Count, events[i]));
            if (step.DuplicateAfter is { } again)
            {
                slots.Add((first + again + 0.25, slots.Count, events[i]));
            }
        }

        return slots.OrderBy(s => s.Position).ThenBy(s => s.Order).Select(s => s.Event).ToArray();
    }
}
