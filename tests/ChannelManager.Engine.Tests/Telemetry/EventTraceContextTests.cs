using System.Diagnostics;
using System.Text;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Events;

namespace ChannelManager.Engine.Tests.Telemetry;

/// <summary>The W3C trace context rides in the envelope's JSON (so in stream entries, outbox rows and dead letters) and is optional.</summary>
public sealed class EventTraceContextTests
{
    private static EventEnvelope Envelope() => new()
    {
        EventId = Guid.CreateVersion7(),
        TenantId = "t",
        PropertyId = Guid.NewGuid(),
        OccurredAt = DateTimeOffset.UtcNow,
        Payload = new BookingConfirmed { BookingId = "B", CheckIn = new DateOnly(2030, 1, 1), CheckOut = new DateOnly(2030, 1, 3) },
    };

    [Fact]
    public void The_trace_context_survives_serialization_and_its_absence_reads_as_none()
    {
        var traced = Envelope() with { TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", TraceState = "vendor=1" };
        var json = EventEnvelopeSerializer.Serialize(traced);
        Assert.Contains("\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        var read = EventEnvelopeSerializer.Deserialize(json);
        Assert.Equal(traced.TraceParent, read.TraceParent);
        Assert.Equal("vendor=1", read.TraceState);
        var parent = EventTraceContext.ParentOf(read);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", parent.TraceId.ToHexString());
        Assert.True(parent.IsRemote);

        var plain = EventEnvelopeSerializer.Deserialize(EventEnvelopeSerializer.Serialize(Envelope()));
        Assert.Null(plain.TraceParent);
        Assert.Equal(default, EventTraceContext.ParentOf(plain));

        // A malformed traceparent is ignored, not fatal: the consumer starts a trace of its own.
        Assert.Equal(default, EventTraceContext.ParentOf(Envelope() with { TraceParent = "not-a-traceparent" }));
    }

    [Fact]
    public void Stamping_takes_the_current_activity_and_keeps_a_context_the_envelope_brings()
    {
        var envelope = Envelope();
        Assert.Same(envelope, EventTraceContext.Stamp(envelope)); // nothing current: unchanged, no allocation

        using var activity = new Activity("publisher").SetIdFormat(ActivityIdFormat.W3C).Start();
        var stamped = EventTraceContext.Stamp(envelope);
        Assert.Equal(activity.Id, stamped.TraceParent);
        var own = envelope with { TraceParent = "00-11111111111111111111111111111111-2222222222222222-01" };
        Assert.Same(own, EventTraceContext.Stamp(own));
    }
}
