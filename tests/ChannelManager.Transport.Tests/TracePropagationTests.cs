using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Engine.Transport.RedisStreams;
using ChannelManager.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChannelManager.Transport.Tests;

/// <summary>
/// One booking followed across processes on a real Redis: the publisher (a process that only publishes) starts the
/// trace, the W3C context travels in the stream entry, and the consumer's <c>event consume</c> span and the
/// <c>platform push</c> it causes belong to the same trace and carry the event id. Entries written without a trace
/// context (before tracing existed) are still consumed, in a trace of their own.
/// </summary>
public sealed class TracePropagationTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const string PmsSourceName = "ChannelManager.Tests.Pms";
    private static readonly ActivitySource Pms = new(PmsSourceName);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_booking_published_in_one_process_is_traced_through_the_stream_to_the_consumer_and_the_platform_call()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ChannelManagerActivitySource.Name || s.Name == PmsSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var stream = RedisServerFixture.NewStream();
        var adapter = new RecordingAdapter();
        await using var consumer = await StartConsumerAsync(stream, adapter);
        var property = Guid.NewGuid();
        var connection = await consumer.Services.GetRequiredService<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "L1", AccessToken = "x" }, Ct);
        await Eventually.TrueAsync(() => adapter.PushCalls >= 1, "the initial push went out");

        // The PMS's process: publishes only.
        await using var publisher = TransportHost.BusOnly(redis.ConnectionString, stream);
        var night = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(12);
        EventEnvelope sent;
        ActivityContext root;
        using (var parent = Pms.StartActivity("pms booking saved"))
        {
            Assert.NotNull(parent);
            root = parent.Context;
            sent = await publisher.GetRequiredService<EventService>().PublishAsync("t", property, new BookingConfirmed { BookingId = "B-traced", CheckIn = night, CheckOut = night.AddDays(2) }, cancellationToken: Ct);
        }

        var eventId = sent.EventId.ToString("D");
        await Eventually.TrueAsync(() => Spans(stopped, ChannelManagerActivitySource.PlatformPush, eventId).Any(), "the push the booking caused was traced");

        var publish = Assert.Single(Spans(stopped, ChannelManagerActivitySource.EventPublish, eventId));
        var consume = Assert.Single(Spans(stopped, ChannelManagerActivitySource.EventConsume, eventId));
        var push = Assert.Single(Spans(stopped, ChannelManagerActivitySource.PlatformPush, eventId));
        Assert.Equal(root.TraceId, publish.TraceId);
        Assert.Equal(root.SpanId, publish.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, consume.Kind);
        Assert.Equal(root.TraceId, consume.TraceId);
        Assert.Equal(publish.SpanId, consume.ParentSpanId);
        Assert.Equal(root.TraceId, push.TraceId);
        Assert.Equal(consume.SpanId, push.ParentSpanId);
        Assert.Equal("airbnb", push.GetTagItem(ChannelManagerActivitySource.PlatformTag));
        Assert.Equal(connection.Id.ToString("D"), push.GetTagItem(ChannelManagerActivitySource.ConnectionIdTag));
        Assert.Equal("succeeded", push.GetTagItem(ChannelManagerActivitySource.OutcomeTag));
        Assert.Equal(EventTypes.BookingConfirmed, consume.GetTagItem(ChannelManagerActivitySource.EventTypeTag));

        // The context is in the stream entry itself (in the envelope), as W3C traceparent.
        var entry = (await redis.Db.StreamRangeAsync(stream)).Single(e => (string?)e[RedisStreamsKeys.EventIdField] == eventId);
        Assert.Contains($"\"traceparent\":\"00-{root.TraceId.ToHexString()}-", Encoding.UTF8.GetString((byte[])entry[RedisStreamsKeys.EnvelopeField]!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_without_trace_context_is_consumed_in_a_trace_of_its_own()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ChannelManagerActivitySource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var stream = RedisServerFixture.NewStream();
        var adapter = new RecordingAdapter();
        await using var consumer = await StartConsumerAsync(stream, adapter);
        var property = Guid.NewGuid();
        await consumer.Services.GetRequiredService<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "L1", AccessToken = "x" }, Ct);
        await Eventually.TrueAsync(() => adapter.PushCalls >= 1, "the initial push went out");

        // Written as an older version of the bus did: no traceparent anywhere.
        var night = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(15);
        var old = new EventEnvelope { EventId = Guid.CreateVersion7(), TenantId = "t", PropertyId = property, OccurredAt = DateTimeOffset.UtcNow, Payload = new BookingConfirmed { BookingId = "B-old", CheckIn = night, CheckOut = night.AddDays(1) } };
        var json = EventEnvelopeSerializer.Serialize(old);
        Assert.DoesNotContain("traceparent", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        await redis.Db.StreamAddAsync(stream, [new NameValueEntry(RedisStreamsKeys.EnvelopeField, json), new NameValueEntry(RedisStreamsKeys.EventIdField, old.EventId.ToString("D")), new NameValueEntry(RedisStreamsKeys.TypeField, old.Type)]);

        await Eventually.TrueAsync(() => adapter.IsClosed("L1", night), "the old entry was handled and pushed");
        await Eventually.TrueAsync(() => Spans(stopped, ChannelManagerActivitySource.PlatformPush, old.EventId.ToString("D")).Any(), "its push was traced");
        var consume = Assert.Single(Spans(stopped, ChannelManagerActivitySource.EventConsume, old.EventId.ToString("D")));
        var push = Assert.Single(Spans(stopped, ChannelManagerActivitySource.PlatformPush, old.EventId.ToString("D")));
        Assert.Equal(default, consume.ParentSpanId);
        Assert.Equal(consume.TraceId, push.TraceId);
    }

    private static IEnumerable<Activity> Spans(ConcurrentQueue<Activity> stopped, string name, string eventId) =>
        stopped.Where(a => a.OperationName == name && (a.GetTagItem(ChannelManagerActivitySource.EventIdTag) as string) == eventId);

    private async Task<RunningHost> StartConsumerAsync(string stream, RecordingAdapter adapter)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddChannelManager(o => o.DefaultResilience.AriPushBudget = 0).UseRedisStreams(o =>
        {
            o.ConnectionString = redis.ConnectionString;
            o.StreamName = stream;
        });
        builder.Services.AddSingleton<ChannelManager.Adapters.IChannelAdapter>(adapter);
        var host = builder.Build();
        await host.StartAsync(Ct);
        return new RunningHost(host);
    }
}
