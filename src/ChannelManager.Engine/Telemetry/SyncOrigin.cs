using System.Diagnostics;

namespace ChannelManager.Engine.Telemetry;

/// <summary>
/// The event behind dirty nights, kept with them until they are pushed: its id, type and time (for the sync-latency
/// histogram) and the span that handled it (the push span's parent or link).
/// </summary>
/// <param name="EventId">The event id.</param>
/// <param name="EventType">The event type.</param>
/// <param name="OccurredAt">When the change happened in the PMS.</param>
/// <param name="Context">The consumer span's context; default when nothing traced it.</param>
internal readonly record struct SyncOrigin(Guid EventId, string EventType, DateTimeOffset OccurredAt, ActivityContext Context)
{
    /// <summary>How many origins one lane keeps: a burst merged into one push records the latency of its first events.</summary>
    public const int MaxPerLane = 32;
}
