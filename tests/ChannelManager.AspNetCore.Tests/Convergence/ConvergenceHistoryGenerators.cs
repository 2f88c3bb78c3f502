using FsCheck;
using FsCheck.Fluent;

namespace ChannelManager.AspNetCore.Tests.Convergence;

/// <summary>Random PMS histories for the end-to-end convergence property, and how a failing one shrinks.</summary>
internal static class ConvergenceHistoryGenerators
{
    private static readonly DayOfWeek[] AllDays = Enum.GetValues<DayOfWeek>();

    /// <summary>Histories of up to <paramref name="maxSteps"/> steps, shrinking to fewer steps, plain delivery and no faults.</summary>
    public static Arbitrary<ConvergenceHistory> Histories(int maxSteps) =>
        Arb.From(History(maxSteps), Shrink);

    private static Gen<ConvergenceHistory> History(int maxSteps) =>
        from units in Gen.Choose(1, 3)
        from listings in Gen.Choose(2, 3)
        from count in Gen.Choose(1, maxSteps)
        from steps in Step.ArrayOf(count)
        select new ConvergenceHistory(units, listings, steps);

    private static Gen<ConvergenceStep> Step =>
        from step in Gen.Frequency((4, Booking), (2, Price), (3, Availability))
        from delay in Gen.Frequency((6, Gen.Constant(0)), (2, Gen.Choose(1, 3)), (1, Gen.Choose(4, 12)))
        from duplicate in Gen.Frequency((4, Gen.Constant<int?>(null)), (1, Gen.Choose(0, 6).Select(d => (int?)d)))
        from newId in Gen.Elements(false, true)
        from fault in Fault
        select step with { Delay = delay, DuplicateAfter = duplicate, DuplicateWithNewId = duplicate is not null && newId, Fault = fault };

    /// <summary>Mostly none; a 429 that makes the retry wait a whole second is the rarest, to keep the property fast.</summary>
    private static Gen<InjectedFault> Fault =>
        Gen.Frequency(
            (16, Gen.Constant(InjectedFault.None)),
            (3, Gen.Constant(InjectedFault.Unavailable)),
            (1, Gen.Constant(InjectedFault.UnavailableThrice)),
            (2, Gen.Constant(InjectedFault.TooManyRequests)),
            (1, Gen.Constant(InjectedFault.TooManyRequestsRetryAfterOneSecond)),
            (1, Gen.Constant(InjectedFault.SlowBody)),
            (1, Gen.Constant(InjectedFault.TruncatedBody)));

    private static Gen<(int Start, int Nights)> Range(int maxNights) =>
        from start in Gen.Choose(0, ConvergenceHistory.Nights - 1)
        from nights in Gen.Choose(1, Math.Min(maxNights, ConvergenceHistory.Nights - start))
        select (start, nights);

    private static Gen<ConvergenceStep> Booking =>
        from change in Gen.Frequency((3, Gen.Constant(BookingChange.Confirm)), (2, Gen.Constant(BookingChange.Modify)), (2, Gen.Constant(BookingChange.Cancel)))
        from booking in Gen.Choose(0, 3)
        from range in Range(5)
        from units in Gen.Frequency((4, Gen.Constant(1)), (1, Gen.Constant(2)))
        select new ConvergenceStep { Kind = ConvergenceStepKind.Booking, Change = change, Booking = booking, Start = range.Start, Nights = range.Nights, Units = units };

    private static Gen<IReadOnlyList<DayOfWeek>?> Weekdays =>
        Gen.Frequency(
            (3, Gen.Constant<IReadOnlyList<DayOfWeek>?>(null)),
            (1, Gen.SubListOf(AllDays).Where(d => d.Count > 0).Select(d => (IReadOnlyList<DayOfWeek>?)d.ToArray())));

    private static Gen<ConvergenceStep> Price =>
        from range in Range(ConvergenceHistory.Nights)
        from rate in Gen.Choose(80, 90)
        from weekdays in Weekdays
        select new ConvergenceStep { Kind = ConvergenceStepKind.Price, Start = range.Start, Nights = range.Nights, Rate = rate * 1.5m, Weekdays = weekdays };

    private static Gen<ConvergenceStep> Availability =>
        from range in Range(ConvergenceHistory.Nights)
        from totalUnits in Maybe(Gen.Choose(1, 3))
        from stopSell in Maybe(Gen.Elements(true, false))
        from minStay in Maybe(Gen.Choose(1, 3))
        from minStayThrough in Maybe(Gen.Choose(1, 3))
        from maxStay in Maybe(Gen.Choose(3, 7))
        from cta in Maybe(Gen.Elements(true, false))
        from ctd in Maybe(Gen.Elements(true, false))
        from weekdays in Weekdays
        select new ConvergenceStep
        {
            Kind = ConvergenceStepKind.Availability,
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

    /// <summary>Fewer steps first (halves, then one at a time), then plainer steps (no fault, in order, no duplicate, every weekday), then fewer listings.</summary>
    private static IEnumerable<ConvergenceHistory> Shrink(ConvergenceHistory h)
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
            if (s.Fault != InjectedFault.None)
            {
                yield return h with { Steps = Replace(steps, i, s with { Fault = InjectedFault.None }) };
            }

            if (s.Delay > 0)
            {
                yield return h with { Steps = Replace(steps, i, s with { Delay = 0 }) };
            }

            if (s.DuplicateAfter is not null)
            {
                yield return h with { Steps = Replace(steps, i, s with { DuplicateAfter = null, DuplicateWithNewId = false }) };
            }

            if (s.Weekdays is not null)
            {
                yield return h with { Steps = Replace(steps, i, s with { Weekdays = null }) };
            }
        }

        if (h.Listings > 2)
        {
            yield return h with { Listings = h.Listings - 1 };
        }
    }

    private static ConvergenceStep[] Replace(IReadOnlyList<ConvergenceStep> steps, int index, ConvergenceStep step)
    {
        var copy = steps.ToArray();
        copy[index] = step;
        return copy;
    }
}
