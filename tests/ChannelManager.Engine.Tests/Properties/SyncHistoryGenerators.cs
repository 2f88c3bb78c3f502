using FsCheck;
using FsCheck.Fluent;

namespace ChannelManager.Engine.Tests.Properties;

/// <summary>Random histories for the sync-engine properties, and how a failing one shrinks.</summary>
internal static class SyncHistoryGenerators
{
    private static readonly DayOfWeek[] AllDays = Enum.GetValues<DayOfWeek>();

    /// <summary>Histories of up to <paramref name="maxSteps"/> steps, shrinking to fewer steps and gentler delivery.</summary>
    public static Arbitrary<SyncHistory> Histories(int maxSteps) =>
        Arb.From(History(maxSteps), Shrink);

    private static Gen<SyncHistory> History(int maxSteps) =>
        from units in Gen.Choose(1, 3)
        from connections in Gen.Choose(2, 4)
        from failEvery in Gen.Elements(0, 0, 2, 3, 5)
        from count in Gen.Choose(1, maxSteps)
        from steps in Step.ArrayOf(count)
        select new SyncHistory(units, connections, failEvery, steps);

    private static Gen<HistoryStep> Step =>
        from step in Gen.Frequency(
            (4, Booking(StepKind.PmsBooking)),
            (3, Booking(StepKind.PlatformBooking)),
            (2, Price),
            (3, Availability))
        from delay in Gen.Frequency((6, Gen.Constant(0)), (2, Gen.Choose(1, 3)), (1, Gen.Choose(4, 30)))
        from duplicate in Gen.Frequency((4, Gen.Constant<int?>(null)), (1, Gen.Choose(0, 8).Select(d => (int?)d)))
        select step with { Delay = delay, DuplicateAfter = duplicate };

    private static Gen<(int Start, int Nights)> Range(int maxNights) =>
        from start in Gen.Choose(0, SyncHistory.Nights - 1)
        from nights in Gen.Choose(1, Math.Min(maxNights, SyncHistory.Nights - start))
        select (start, nights);

    private static Gen<HistoryStep> Booking(StepKind kind) =>
        from action in Gen.Frequency((3, Gen.Constant(BookingAction.Confirm)), (2, Gen.Constant(BookingAction.Modify)), (2, Gen.Constant(BookingAction.Cancel)))
        from booking in Gen.Choose(0, 3)
        from connection in Gen.Choose(0, 3)
        from range in Range(5)
        from units in Gen.Frequency((4, Gen.Constant(1)), (1, Gen.Constant(2)))
        select new HistoryStep { Kind = kind, Action = action, Booking = booking, Connection = connection, Start = range.Start, Nights = range.Nights, Units = units };

    private static Gen<IReadOnlyList<DayOfWeek>?> Weekdays =>
        Gen.Frequency(
            (3, Gen.Constant<IReadOnlyList<DayOfWeek>?>(null)),
            (1, Gen.SubListOf(AllDays).Where(d => d.Count > 0).Select(d => (IReadOnlyList<DayOfWeek>?)d.ToArray())));

    private static Gen<HistoryStep> Price =>
        from range in Range(SyncHistory.Nights)
        from rate in Gen.Choose(80, 90)
        from weekdays in Weekdays
        select new HistoryStep { Kind = StepKind.Price, Start = range.Start, Nights = range.Nights, Rate = rate * 1.5m, Weekdays = weekdays };

    private static Gen<HistoryStep> Availability =>
        from range in Range(SyncHistory.Nights)
        from totalUnits in Maybe(Gen.Choose(1, 3))
        from stopSell in Maybe(Gen.Elements(true, false))
        from minStay in Maybe(Gen.Choose(1, 3))
        from minStayThrough in Maybe(Gen.Choose(1, 3))
        from maxStay in Maybe(Gen.Choose(3, 7))
        from cta in Maybe(Gen.Elements(true, false))
        from ctd in Maybe(Gen.Elements(true, false))
        from weekdays in Weekdays
        select new HistoryStep
        {
            Kind = StepKind.Availability,
            Start = range.Start,
            Nights = range.Nights,
            TotalUnits = totalUnits,
            StopSell = stopSell,
            MinStay = minStay,
            MinStayThrough = minStayThrough,
            MaxStay = maxStay,
            ClosedToArrival = cta,
            ClosedToDeparture = ctd,
            Weekdays = weekdays,
        };

    private static Gen<T?> Maybe<T>(Gen<T> value)
        where T : struct =>
        Gen.Frequency((2, Gen.Constant<T?>(null)), (1, value.Select(v => (T?)v)));

    /// <summary>Fewer steps first (halves, then one at a time), then gentler delivery and no failures.</summary>
    private static IEnumerable<SyncHistory> Shrink(SyncHistory h)
    {
        var steps = h.Steps;
        for (var chunk = steps.Count / 2; chunk >= 1; chunk /= 2)
        {
            for (var at = 0; at + chunk <= steps.Count; at += chunk)
            {
                yield return h with { Steps = [.. steps.Take(at), .. steps.Skip(at + chunk)] };
            }
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            if (s.Delay > 0)
            {
                yield return h with { Steps = Replace(steps, i, s with { Delay = 0 }) };
            }

            if (s.DuplicateAfter is not null)
            {
                yield return h with { Steps = Replace(steps, i, s with { DuplicateAfter = null }) };
            }

            if (s.Weekdays is not null)
            {
                yield return h with { Steps = Replace(steps, i, s with { Weekdays = null }) };
            }
        }

        if (h.FailEvery != 0)
        {
            yield return h with { FailEvery = 0 };
        }

        if (h.Connections > 2)
        {
            yield return h with { Connections = h.Connections - 1 };
        }
    }

    private static HistoryStep[] Replace(IReadOnlyList<HistoryStep> steps, int index, HistoryStep step)
    {
        var copy = steps.ToArray();
        copy[index] = step;
        return copy;
    }
}
