using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChannelManager.Engine.Telemetry;

namespace ChannelManager.Engine.Tests.Telemetry;

/// <summary>Listens to one container's ChannelManager meter (other tests in the process have their own) and keeps every measurement.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public MetricsRecorder(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ChannelManagerMetrics.MeterName && instrument.Meter.Scope == meters)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    public ConcurrentQueue<Measured> Measurements { get; } = new();

    /// <summary>Reads the observable instruments now; returns the measurements of that read only.</summary>
    public IReadOnlyList<Measured> Observe(string instrument)
    {
        var before = Measurements.Count;
        _listener.RecordObservableInstruments();
        return Measurements.Skip(before).Where(m => m.Instrument == instrument).ToList();
    }

    public IEnumerable<Measured> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument);

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var t in tags)
        {
            labels[t.Key] = t.Value?.ToString();
        }

        Measurements.Enqueue(new Measured(instrument.Name, value, labels));
    }

    /// <summary>One measurement.</summary>
    public sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, string?> Labels)
    {
        public string? this[string label] => Labels.TryGetValue(label, out var v) ? v : null;
    }
}
