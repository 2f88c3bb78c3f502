using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChannelManager.Engine.Tests.Properties;

/// <summary>
/// The two invariants of the sync engine over random histories of one property (1-3 units, 2-4 connections on
/// different platforms, 20 nights starting 3 days from today, all inside the sync window):
/// <list type="number">
/// <item><b>No double sell</b>: on every night, the units of the confirmed bookings that the ledger did not flag
/// <c>Overbooked</c> fit in the night's total units (a booking that took a unit no longer free must be recorded as a
/// conflict). Checked against the final total units; histories only ever raise a night's units.</item>
/// <item><b>Convergence</b>: after the history and a quiet period, the ledger (<c>GetAriAsync</c>) equals the PMS's
/// truth computed in the test from the events alone (final booking state by highest version; each night's rate,
/// units, stop-sell and restrictions by highest version per field), and every platform's calendar (what it was last
/// told per night, per pushed scope) equals the ledger: bookable, available and total units, stop-sell, rate and
/// currency, min stay, min stay through, max stay, closed to arrival/departure.</item>
/// </list>
/// Histories interleave PMS bookings (confirm, modify, cancel), platform bookings (from a source connection),
/// <c>pricing.updated</c> and <c>availability.updated</c> (weekday filters, restrictions), with per-aggregate
/// versions. Delivery is perturbed: events arrive late (overtaken by later ones: reordered, or dropped and
/// redelivered later) and duplicated; platforms fail every 2nd/3rd/5th call with 503/429 and the dispatcher retries.
/// <para>
/// The source platform of a booking: the fake platform does what a real one does by itself — a booking made on it
/// takes its units from the platform's own calendar, and its modification or cancellation gives them back
/// (rooms-to-sell, on top of the last values the engine pushed), at the moment the engine first hears of that booking
/// version. The engine then tells every connection the ledger's state, the source included: a push that read the ledger
/// before a platform's booking and landed after it would otherwise reopen the sold nights there (found by the chaos run;
/// before, the source was skipped unless the ledger was overbooked, which this property had already shown to be needed
/// after a count clamped at 0).
/// </para>
/// <para>
/// Later versions of the same booking delivered earlier win on the platform as in the ledger; stale ones change nothing.
/// </para>
/// A failing case shrinks to few steps and is printed step by step, with the nights and fields that differ.
/// </summary>
public sealed class SyncInvariantProperties
{
    [Property(MaxTest = 5000, QuietOnSuccess = true)]
    public Property No_two_accepted_stays_take_more_units_than_a_night_has() =>
        Prop.ForAll(SyncHistoryGenerators.Histories(maxSteps: 20), history => Holds(history, noDoubleSell: true, convergence: false));

    [Property(MaxTest = 5000, QuietOnSuccess = true)]
    public Property Every_platform_converges_on_the_ledger_and_the_ledger_on_the_PMS() =>
        Prop.ForAll(SyncHistoryGenerators.Histories(maxSteps: 20), history => Holds(history, noDoubleSell: false, convergence: true));

    private static Property Holds(SyncHistory history, bool noDoubleSell, bool convergence)
    {
        var problems = SyncPropertyHost.CheckOneAsync(history, noDoubleSell, convergence).GetAwaiter().GetResult();
        return (problems is null).Label(problems ?? "holds");
    }
}
