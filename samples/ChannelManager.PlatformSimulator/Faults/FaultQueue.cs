using ChannelManager.Connections;

namespace ChannelManager.Simulator.Faults;

/// <summary>Injected faults in injection order; each applies to a number of calls, then is gone. Thread-safe.</summary>
internal sealed class FaultQueue
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];

    public void Enqueue(SimulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        fault.Validate();
        lock (_gate)
        {
            _entries.Add(new Entry(fault, fault.Times));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>The faults still pending, with <see cref="SimulatorFault.Times"/> set to the calls they still apply to.</summary>
    public IReadOnlyList<SimulatorFault> Pending()
    {
        lock (_gate)
        {
            return _entries.Select(e => e.Fault with { Times = e.Remaining }).ToArray();
        }
    }

    /// <summary>Takes one use of the first pending fault that matches the call.</summary>
    public SimulatorFault? TryTake(Platform platform, string relativePath)
    {
        lock (_gate)
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                var entry = _entries[i];
                if (entry.Fault.Platform != platform ||
                    (entry.Fault.PathPrefix is { } prefix && !relativePath.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                entry.Remaining--;
                if (entry.Remaining == 0)
                {
                    _entries.RemoveAt(i);
                }

                return entry.Fault;
            }

            return null;
        }
    }

    private sealed class Entry(SimulatorFault fault, int remaining)
    {
        public SimulatorFault Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;
    }
}
