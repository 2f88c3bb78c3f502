using ChannelManager.Testing.PmsHistories;
using FsCheck;
using FsCheck.Fluent;

namespace ChannelManager.AspNetCore.Tests.Convergence;

/// <summary>Random PMS histories for the end-to-end convergence property, and how a failing one shrinks.</summary>
internal static class ConvergenceHistoryGenerators
{
    /// <summary>Histories of up to <paramref name="maxSteps"/> steps, shrinking to fewer steps, plain delivery and no faults.</summary>
    public static Arbitrary<ConvergenceHistory> Histories(int maxSteps) =>
        Arb.From(History(maxSteps), Shrink);

    private static Gen<ConvergenceHistory> History(int maxSteps) =>
        from units in Gen.Choose(1, 3)
        from listings in Gen.Choose(2, 3)
        from count in Gen.Choose(1, maxSteps)
        from steps in Step.ArrayOf(count)
        select new ConvergenceHistory(units, listings, steps);

    /// <summary>PMS bookings (no platform bookings), prices and availability over 15 nights; delivered up to 12 places late, duplicated up to 6 places after.</summary>
    private static Gen<ConvergenceStep> Step =>
        from step in PmsStepGenerators.Step(ConvergenceHistory.Nights, platformBookings: false, longestDelay: 12, latestDuplicate: 6)
        from newId in Gen.Elements(false, true)
        from fault in Fault
        select new ConvergenceStep(step) { DuplicateWithNewId = step.DuplicateAfter is not null && newId, Fault = fault };

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

    /// <summary>Fewer steps first (halves, then one at a time), then plainer steps (no fault, in order, no duplicate, every weekday), then fewer listings.</summary>
    private static IEnumerable<ConvergenceHistory> Shrink(ConvergenceHistory h)
    {
        foreach (var steps in PmsStepGenerators.ShrinkSteps(h.Steps, NoFault))
        {
            yield return h with { Steps = steps };
        }

        if (h.Listings > 2)
        {
            yield return h with { Listings = h.Listings - 1 };
        }

        static IEnumerable<ConvergenceStep> NoFault(ConvergenceStep s) =>
            s.Fault == InjectedFault.None ? [] : [s with { Fault = InjectedFault.None }];
    }
}
