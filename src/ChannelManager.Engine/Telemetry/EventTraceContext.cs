using System.Diagnostics;
using ChannelManager.Events;

namespace ChannelManager.Engine.Telemetry;

/// <summary>
/// The W3C trace context an event carries from its publisher to its consumers (<see cref="EventEnvelope.TraceParent"/>,
/// <see cref="EventEnvelope.TraceState"/>): stamped from the current activity when it is published, restored as the
/// parent of the consumer's span. An envelope without one (published before tracing, or with no listener) starts a
/// new trace on the consumer side.
/// </summary>
internal static class EventTraceContext
{
    /// <summary>The envelope with the current activity's context, unless it already has one or no activity is current.</summary>
    public static EventEnvelope Stamp(EventEnvelope envelope)
    {
        if (envelope.TraceParent is not null || Activity.Current is not { } current || current.IdFormat != ActivityIdFormat.W3C)
        {
            return envelope;
        }

        return envelope with { TraceParent = current.Id, TraceState = current.TraceStateString };
    }

    /// <summary>The publisher's context, if the envelope carries a valid one.</summary>
    public static ActivityContext ParentOf(EventEnvelope envelope) =>
        envelope.TraceParent is { } parent && ActivityContext.TryParse(parent, envelope.TraceState, isRemote: true, out var context) ? context : default;
}
