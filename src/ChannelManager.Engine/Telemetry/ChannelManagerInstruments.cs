using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChannelManager.Connections;

namespace ChannelManager.Engine.Telemetry;

/// <summary>
/// The counters and the histogram of <see cref="ChannelManagerMetrics"/>, created once per container from its
/// <see cref="IMeterFactory"/> (so each host, and each test host, has its own). Recording is a lock-free add with at
/// most four labels held in a <see cref="TagList"/> on the stack.
/// </summary>
internal sealed class ChannelManagerInstruments
{
    private const int MaxPlatform = 15;
    private readonly long[] _rejections = new long[(MaxPlatform + 1) * 2];

    public ChannelManagerInstruments(IMeterFactory? meters = null)
    {
        Meter = meters?.Create(ChannelManagerMetrics.MeterName) ?? new Meter(ChannelManagerMetrics.MeterName);
        OverbookingConflicts = Meter.CreateCounter<long>(ChannelManagerMetrics.OverbookingConflicts, "{conflict}", "Bookings accepted onto nights with no unit left (overbooking conflicts).");
        UnmappedReservations = Meter.CreateCounter<long>(ChannelManagerMetrics.UnmappedReservations, "{reservation}", "Bookings for listings no connection maps (unmapped reservations opened).");
        CalendarDriftNights = Meter.CreateCounter<long>(ChannelManagerMetrics.CalendarDriftNights, "{night}", "Nights a reconciliation found different on the platform and pushed again.");
        SyncOperations = Meter.CreateCounter<long>(ChannelManagerMetrics.SyncOperations, "{operation}", "Platform operations (pushes, pulls, imports, reconciliations, connection tests) by outcome.");
        SyncLatency = Meter.CreateHistogram(
            ChannelManagerMetrics.SyncLatency,
            "s",
            "From an event's occurred_at to the platform acknowledging the push that carried it.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ChannelManagerMetrics.SyncLatencyBuckets });
    }

    /// <summary>The meter (for the observable gauges).</summary>
    public Meter Meter { get; }

    public Counter<long> OverbookingConflicts { get; }

    public Counter<long> UnmappedReservations { get; }

    public Counter<long> CalendarDriftNights { get; }

    public Counter<long> SyncOperations { get; }

    /// <summary>Rejections so far, by platform and limiter (exported by an observable counter, so every enabled platform has a series from the start).</summary>
    public long RejectionsOf(Platform platform, string limiter) =>
        Volatile.Read(ref _rejections[Slot(platform, limiter)]);

    public Histogram<double> SyncLatency { get; }

    /// <summary>A platform's label value (its wire name, a constant).</summary>
    public static string LabelOf(Platform platform) => platform.ToWireName();

    /// <summary>Counts one sync-log operation.</summary>
    public void RecordOperation(Platform platform, string operation, string? trigger, string status)
    {
        if (!SyncOperations.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { ChannelManagerMetrics.EventTypeLabel, TelemetryLabels.EventTypeOf(trigger) },
            { ChannelManagerMetrics.PlatformLabel, LabelOf(platform) },
            { ChannelManagerMetrics.StatusLabel, status },
            { ChannelManagerMetrics.OperationLabel, operation },
        };
        SyncOperations.Add(1, tags);
    }

    /// <summary>Records the latency of each event a push carried, from its occurrence to now.</summary>
    public void RecordLatency(Platform platform, IReadOnlyList<SyncOrigin> origins, DateTimeOffset acknowledgedAt)
    {
        if (!SyncLatency.Enabled || origins.Count == 0)
        {
            return;
        }

        var platformLabel = LabelOf(platform);
        for (var i = 0; i < origins.Count; i++)
        {
            var seconds = Math.Max(0, (acknowledgedAt - origins[i].OccurredAt).TotalSeconds);
            SyncLatency.Record(
                seconds,
                new KeyValuePair<string, object?>(ChannelManagerMetrics.PlatformLabel, platformLabel),
                new KeyValuePair<string, object?>(ChannelManagerMetrics.EventTypeLabel, TelemetryLabels.EventTypeOf(origins[i].EventType)));
        }
    }

    /// <summary>Counts a refusal of a limiter.</summary>
    public void RecordRejection(Platform platform, string limiter) => Interlocked.Increment(ref _rejections[Slot(platform, limiter)]);

    private static int Slot(Platform platform, string limiter) =>
        (Math.Clamp((int)platform, 0, MaxPlatform) * 2) + (limiter == TelemetryLabels.PushBudget ? 1 : 0);
}
