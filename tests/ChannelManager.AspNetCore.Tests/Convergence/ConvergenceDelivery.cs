using ChannelManager.Testing.PmsHistories;

namespace ChannelManager.AspNetCore.Tests.Convergence;

/// <summary>One delivery of an event to the engine, with its event id and the fault to inject into the simulator first.</summary>
internal sealed record ConvergenceDelivery(ScriptedPmsEvent Event, Guid EventId, InjectedFault Fault)
{
    /// <summary>
    /// The deliveries of a history's events in the order they reach the engine (see <see cref="PmsScript.Deliveries"/>):
    /// a first delivery carries its step's fault; a duplicate carries the first one's event id, or a new one when its
    /// step says so.
    /// </summary>
    public static IReadOnlyList<ConvergenceDelivery> Of(ConvergenceHistory history, IReadOnlyList<ScriptedPmsEvent> events)
    {
        var eventIds = events.ToDictionary(e => e, _ => Guid.NewGuid());
        return PmsScript.Deliveries(history.Steps, events)
            .Select(d =>
            {
                var step = history.Steps[d.Event.Step];
                return d.IsDuplicate
                    ? new ConvergenceDelivery(d.Event, step.DuplicateWithNewId ? Guid.NewGuid() : eventIds[d.Event], InjectedFault.None)
                    : new ConvergenceDelivery(d.Event, eventIds[d.Event], step.Fault);
            })
            .ToArray();
    }
}
