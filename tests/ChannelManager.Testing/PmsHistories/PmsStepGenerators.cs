using FsCheck;
using FsCheck.Fluent;

namespace ChannelManager.Testing.PmsHistories;

/// <summary>Random steps of PMS histories (FsCheck), and how a failing history's steps shrink.</summary>
public static class PmsStepGenerators
{
    private static readonly DayOfWeek[] AllDays = Enum.GetValues<DayOfWeek>();

    /// <summary>
    /// One step over a date range of <paramref name="nights"/> nights: a booking in the PMS (or, with
    /// <paramref name="platformBookings"/>, also on a platform), a price or an availability change; delivered in
    /// order, or 1-3 or 4-<paramref name="longestDelay"/> places late, and now and then once more 0 to
    /// <paramref name="latestDuplicate"/> places after.
    /// </summary>
    public static Gen<PmsStep> Step(int nights, bool platformBookings, int longestDelay, int latestDuplicate) =>
        from step in (platformBookings
            ? Gen.Frequency((4, Booking(PmsChangeKind.PmsBooking, nights)), (3, Booking(PmsChangeKind.PlatformBooking, nights)), (2, Price(nights)), (3, Availability(nights)))
            : Gen.Frequency((4, Booking(PmsChangeKind.PmsBooking, nights)), (2, Price(nights)), (3, Availability(nights))))
        from delay in Gen.Frequency((6, Gen.Constant(0)), (2, Gen.Choose(1, 3)), (1, Gen.Choose(4, longestDelay)))
        from duplicate in Gen.Frequency((4, Gen.Constant<int?>(null)), (1, Gen.Choose(0, latestDuplicate).Select(d => (int?)d)))
        select step with { Delay = delay, DuplicateAfter = duplicate };

    /// <summary>
    /// Smaller lists of steps: fewer steps first (halves, then one at a time), then each step plainer: first as
    /// <paramref name="plainer"/> makes it (a suite's own perturbations), then in order, no duplicate, every weekday.
    /// </summary>
    public static IEnumerable<IReadOnlyList<TStep>> ShrinkSteps<TStep>(IReadOnlyList<TStep> steps, Func<TStep, IEnumerable<TStep>>? plainer = null)
        where TStep : PmsStep
    {
        ArgumentNullException.ThrowIfNull(steps);
        for (var chunk = steps.Count / 2; chunk >= 1; chunk /= 2)
        {
            for (var at = 0; at + chunk <= steps.Count; at += chunk)
            {
                yield return [.. steps.Take(at), .. steps.Skip(at + chunk)];
            }
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            foreach (var p in plainer?.Invoke(s) ?? Enumerable.Empty<TStep>())
            {
                yield return Replace(steps, i, p);
            }

            PmsStep step = s;
            if (s.Delay > 0)
            {
                yield return Replace(steps, i, (TStep)(step with { Delay = 0 }));
            }

            if (s.DuplicateAfter is not null)
            {
                yield return Replace(steps, i, (TStep)(step with { DuplicateAfter = null }));
            }

            if (s.Weekdays is not null)
            {
                yield return Replace(steps, i, (TStep)(step with { Weekdays = null }));
            }
        }
    }

    private static Gen<(int Start, int Nights)> Range(int maxNights, int nights) =>
        from start in Gen.Choose(0, nights - 1)
        from length in Gen.Choose(1, Math.Min(maxNights, nights - start))
        select (start, length);

    private static Gen<PmsStep> Booking(PmsChangeKind kind, int nights) =>
        from action in Gen.Frequency((3, Gen.Constant(BookingAction.Confirm)), (2, Gen.Constant(BookingAction.Modify)), (2, Gen.Constant(BookingAction.Cancel)))
        from booking in Gen.Choose(0, 3)
        from connection in Gen.Choose(0, 3)
        from range in Range(5, nights)
        from units in Gen.Frequency((4, Gen.Constant(1)), (1, Gen.Constant(2)))
        select new PmsStep { Kind = kind, Action = action, Booking = booking, Connection = connection, Start = range.Start, Nights = range.Nights, Units = units };

    private static Gen<IReadOnlyList<DayOfWeek>?> Weekdays =>
        Gen.Frequency(
            (3, Gen.Constant<IReadOnlyList<DayOfWeek>?>(null)),
            (1, Gen.SubListOf(AllDays).Where(d => d.Count > 0).Select(d => (IReadOnlyList<DayOfWeek>?)d.ToArray())));

    private static Gen<PmsStep> Price(int nights) =>
        from range in Range(nights, nights)
        from rate in Gen.Choose(80, 90)
        from weekdays in Weekdays
        select new PmsStep { Kind = PmsChangeKind.Price, Start = range.Start, Nights = range.Nights, Rate = rate * 1.5m, Weekdays = weekdays };

    private static Gen<PmsStep> Availability(int nights) =>
        from range in Range(nights, nights)
        from totalUnits in Maybe(Gen.Choose(1, 3))
        from stopSell in Maybe(Gen.Elements(true, false))
        from minStay in Maybe(Gen.Choose(1, 3))
        from minStayThrough in Maybe(Gen.Choose(1, 3))
        from maxStay in Maybe(Gen.Choose(3, 7))
        from cta in Maybe(Gen.Elements(true, false))
        from ctd in Maybe(Gen.Elements(true, false))
        from weekdays in Weekdays
        select new PmsStep
        {
            Kind = PmsChangeKind.Availability,
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

    private static TStep[] Replace<TStep>(IReadOnlyList<TStep> steps, int index, TStep step)
    {
        var copy = steps.ToArray();
        copy[index] = step;
        return copy;
    }
}
