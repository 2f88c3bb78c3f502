namespace ChannelManager.Events;

/// <summary>
/// A PMS event as it travels on the bus. <see cref="EventId"/> is the idempotency key: handling the same id twice
/// changes nothing the second time.
/// </summary>
public sealed record EventEnvelope
{
    /// <summary>The event's unique id (idempotency key).</summary>
    public required Guid EventId { get; init; }

    /// <summary>The tenant the event belongs to.</summary>
    public required string TenantId { get; init; }

    /// <summary>The property the event is about.</summary>
    public required Guid PropertyId { get; init; }

    /// <summary>When the change happened in the PMS.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>A per-aggregate version (booking, or property rates/availability); 0 when the publisher has none.</summary>
    public long Version { get; init; }

    /// <summary>The payload; its type names the event type.</summary>
    public required PmsEvent Payload { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the span that published the event, if it was traced: the consumer's span continues
    /// that trace, in whatever process it runs. Not part of the event's identity; absent in envelopes written before
    /// tracing existed.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>The W3C <c>tracestate</c> that goes with <see cref="TraceParent"/>, if any.</summary>
    public string? TraceState { get; init; }

    /// <summary>The event type (<c>booking.confirmed</c>, …), taken from the payload.</summary>
    public string Type => Payload.EventType;
}
