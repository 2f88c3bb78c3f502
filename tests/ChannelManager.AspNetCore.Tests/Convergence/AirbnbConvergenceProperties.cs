using FsCheck;
using FsCheck.Fluent;

namespace ChannelManager.AspNetCore.Tests.Convergence;

/// <summary>
/// Convergence end to end, through the real Airbnb adapter over HTTP to the platform simulator: over random PMS
/// histories of one property (1-3 units, 2-3 Airbnb listings, 15 nights starting 3 days from today) of bookings
/// (confirm, modify, cancel), <c>pricing.updated</c> and <c>availability.updated</c> (weekday filters, stop-sell,
/// restrictions), published through <see cref="Engine.Events.EventService"/> with per-aggregate versions, delivered
/// late (reordered) and duplicated (same or new event id), with 503s, 429s (<c>Retry-After</c> 0 or 1 s), slow and
/// cut-off answers injected into the simulator's calendar calls, the ledger ends equal to the PMS's truth computed
/// from the events alone, and every listing's calendar as the simulator holds it ends equal to the ledger as the
/// Airbnb adapter maps it (availability, busy subtype, available count, price, min/max nights, closed to
/// arrival/departure), night by night.
/// <para>
/// The engine's counterpart (<c>SyncInvariantProperties</c>, 10,000 histories against in-process fakes) also covers
/// platform bookings and no double sell; this one is small (50 histories) and only PMS-side, so the source-platform
/// rule does not come in. Its host (<see cref="AirbnbConvergenceApp"/>) turns the ARI push budget off
/// (<c>AriPushBudget = 0</c>; the default 10 paced pushes per listing per minute would make each case take seconds)
/// and uses short retry delays. A failing case shrinks to few steps and prints them with the nights that differ.
/// </para>
/// </summary>
public sealed class AirbnbConvergenceProperties(AirbnbConvergenceApp app) : IClassFixture<AirbnbConvergenceApp>
{
    private const int Cases = 50;

    private readonly AirbnbConvergenceCase _case = new(app);

    [Fact]
    public void Every_Airbnb_listing_on_the_simulator_converges_on_the_ledger_and_the_ledger_on_the_PMS()
    {
        var property = Prop.ForAll(ConvergenceHistoryGenerators.Histories(maxSteps: 15), Holds);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), property);
    }

    private Property Holds(ConvergenceHistory history)
    {
        // Off the test's synchronisation context: FsCheck calls properties synchronously.
        var problems = Task.Run(() => _case.CheckAsync(history)).GetAwaiter().GetResult();
        return (problems is null).Label(problems ?? "holds");
    }
}
