using System.Collections.Concurrent;
using System.Threading.Channels;
using ChannelManager.Adapters;
using ChannelManager.Inventory;

namespace ChannelManager.Engine.Sync;

/// <summary>
/// Collects dirty nights per connection and hands each connection to the dispatcher at most once at a time.
/// Marks that arrive while a connection's push is in flight are merged and taken after it (coalescing): a burst of
/// changes on one property becomes one push of the merged ranges.
/// </summary>
internal sealed class DirtyRangeQueue
{
    private readonly ConcurrentDictionary<ConnectionKey, Entry> _entries = new();
    private readonly Channel<ConnectionKey> _ready = Channel.CreateUnbounded<ConnectionKey>(new UnboundedChannelOptions { SingleReader = false });

    /// <summary>Connections with work, in the order they became ready.</summary>
    public ChannelReader<ConnectionKey> Ready => _ready.Reader;

    /// <summary>How many connections have work pending or in flight.</summary>
    public int PendingConnections => _entries.Count(e => e.Value.HasWork || e.Value.InFlight);

    /// <summary>Marks nights dirty for a connection.</summary>
    /// <param name="key">The connection.</param>
    /// <param name="range">The nights.</param>
    /// <param name="scope">What to push.</param>
    /// <param name="trigger">What caused it.</param>
    /// <param name="sequence">The persisted mark's sequence number (0 when not persisted); cleared after the push that covers it.</param>
    public void MarkDirty(ConnectionKey key, DateRange range, AriPushScope scope, string trigger, long sequence = 0) =>
        Update(key, (range, scope, trigger, sequence), static (e, m) =>
        {
            e.Add(m.range);
            e.Scope |= m.scope;
            e.Trigger = m.trigger;
            if (m.sequence > 0)
            {
                e.Sequences.Add(m.sequence);
            }
        });

    /// <summary>Asks for a reservation pull for a connection.</summary>
    public void RequestReservationPull(ConnectionKey key, string trigger) =>
        Update(key, trigger, static (e, t) =>
        {
            e.PullReservations = true;
            e.Trigger = t;
        });

    /// <summary>Takes a connection's work and marks it in flight; <see langword="null"/> if there is none.</summary>
    public PendingWork? Take(ConnectionKey key)
    {
        if (!_entries.TryGetValue(key, out var e))
        {
            return null;
        }

        lock (e)
        {
            e.Queued = false;
            if (!e.HasWork || e.InFlight)
            {
                return null;
            }

            var work = new PendingWork(e.Ranges.ToArray(), e.Scope, e.PullReservations, e.Trigger ?? "unknown", e.Attempt + 1, e.Sequences.ToArray());
            e.Ranges.Clear();
            e.Sequences.Clear();
            e.Scope = AriPushScope.None;
            e.PullReservations = false;
            e.InFlight = true;
            return work;
        }
    }

    /// <summary>Ends an in-flight push. On failure the work is merged back and the connection is re-queued after <paramref name="retryAfter"/>.</summary>
    public void Complete(ConnectionKey key, PendingWork work, bool succeeded, TimeSpan retryAfter, TimeProvider time)
    {
        if (!_entries.TryGetValue(key, out var e))
        {
            return;
        }

        var requeueNow = false;
        lock (e)
        {
            e.InFlight = false;
            if (succeeded)
            {
                e.Attempt = 0;
            }
            else
            {
                foreach (var r in work.Ranges)
                {
                    e.Add(r);
                }

                e.Scope |= work.Scope;
                e.Sequences.AddRange(work.Sequences);
                e.PullReservations |= work.PullReservations;
                e.Trigger ??= work.Trigger;
                e.Attempt = work.Attempt;
                e.Queued = true;
            }

            if (succeeded && e.HasWork && !e.Queued)
            {
                e.Queued = true;
                requeueNow = true;
            }
        }

        if (requeueNow)
        {
            _ready.Writer.TryWrite(key);
        }
        else if (!succeeded)
        {
            _ = RequeueLaterAsync(key, retryAfter, time);
        }
    }

    /// <summary>Drops all work of a connection (deleted or paused).</summary>
    public void Forget(ConnectionKey key) => _entries.TryRemove(key, out _);

    private async Task RequeueLaterAsync(ConnectionKey key, TimeSpan delay, TimeProvider time)
    {
        await Task.Delay(delay, time).ConfigureAwait(false);
        _ready.Writer.TryWrite(key);
    }

    private void Update<TState>(ConnectionKey key, TState state, Action<Entry, TState> change)
    {
        var e = _entries.GetOrAdd(key, static _ => new Entry());
        bool enqueue;
        lock (e)
        {
            change(e, state);
            enqueue = !e.Queued && !e.InFlight;
            if (enqueue)
            {
                e.Queued = true;
            }
        }

        if (enqueue)
        {
            _ready.Writer.TryWrite(key);
        }
    }

    private sealed class Entry
    {
        public List<DateRange> Ranges { get; } = [];

        public AriPushScope Scope { get; set; }

        public bool PullReservations { get; set; }

        public string? Trigger { get; set; }

        public bool Queued { get; set; }

        public bool InFlight { get; set; }

        public int Attempt { get; set; }

        public List<long> Sequences { get; } = [];

        public bool HasWork => Ranges.Count > 0 || PullReservations;

        /// <summary>Adds a range, merging it with the ranges it overlaps or touches (kept sorted and disjoint).</summary>
        public void Add(DateRange range)
        {
            var merged = range;
            var i = 0;
            while (i < Ranges.Count)
            {
                if (Ranges[i].OverlapsOrTouches(merged))
                {
                    merged = merged.Hull(Ranges[i]);
                    Ranges.RemoveAt(i);
                }
                else
                {
                    i++;
                }
            }

            var at = 0;
            while (at < Ranges.Count && Ranges[at].Start < merged.Start)
            {
                at++;
            }

            Ranges.Insert(at, merged);
        }
    }
}
