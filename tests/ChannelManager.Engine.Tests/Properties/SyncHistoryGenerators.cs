using ChannelManager.Testing.PmsHistories;
using FsCheck;
using FsCheck.Fluent;

namespace ChannelManager.Engine.Tests.Properties;

/// <summary>Random histories for the sync-engine properties, and how a failing one shrinks.</summary>
internal static class SyncHistoryGenerators
{
    /// <summary>Histories of up to <paramref name="maxSteps"/> steps, shrinking to fewer steps and gentler delivery.</summary>
    public static Arbitrary<SyncHistory> Histories(int maxSteps) =>
        Arb.From(History(maxSteps), Shrink);

    /// <summary>PMS and platform bookings, prices and availability over 20 nights; delivered up to 30 places late, duplicated up to 8 places after.</summary>
    private static Gen<SyncHistory> History(int maxSteps) =>
        from units in Gen.Choose(1, 3)
        from connections in Gen.Choose(2, 4)
        from failEvery in Gen.Elements(0, 0, 2, 3, 5)
        from count in Gen.Choose(1, maxSteps)
        from steps in PmsStepGenerators.Step(SyncHistory.Nights, platformBookings: true, longestDelay: 30, latestDuplicate: 8).ArrayOf(count)
        select new SyncHistory(units, connections, failEvery, steps);

    /// <summary>Fewer steps first (halves, then one at a time), then gentler delivery and no failures.</summary>
    private static IEnumerable<SyncHistory> Shrink(SyncHistory h)
    {
        foreach (var steps in PmsStepGenerators.ShrinkSteps(h.Steps))
        {
            yield return h with { Steps = steps };
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
}
