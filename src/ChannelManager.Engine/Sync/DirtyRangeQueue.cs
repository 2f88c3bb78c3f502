using System.Collections.Concurrent;
using System.Threading.Channels;
using ChannelManager.Adapters;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Inventory;

namespace ChannelManager.Engine.Sync;

/// <summary>
/// Collects dirty nights per connection and hands each connection to the dispatcher at most once at a time.
/// Marks that arrive while a connection's push is in flight are merged and taken after it (coalescing): a burst of
/// changes on one property becomes one push of the merged ranges.
/// </summary>
/// <remarks>
/// Each connection has two lanes. The urgent lane holds the nights a booking closed or reopened: it is handed out at
/// once, whatever else waits, because selling a night twice is worse than a price that is a few seconds late. The
/// budgeted lane holds everything else (rates, restrictions, the PMS's availability changes, full syncs); when the
/// connection's push budget is spent the dispatcher defers it (<see cref="Defer"/>), and marks that arrive meanwhile
/// merge into it, so a burst goes out as one push when the budget allows.
/// </remarks>
internal sealed class DirtyRangeQueue
{
    private readonly ConcurrentDictionary<ConnectionKey, Entry> _entries = new();
    private readonly Channel<ConnectionKey> _ready = Channel.CreateUnbounded<ConnectionKey>(new UnboundedChannelOptions { SingleReader = false });
    private readonly TimeProvider _time;

    /// <summary>A queue on the system clock.</summary>
    public DirtyRangeQueue()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A queue on the given clock (deferred work becomes ready by it).</summary>
    /// <param name="time">The clock.</param>
    public DirtyRangeQueue(TimeProvider time) => _time = time;

    /// <summary>Connections with work, in the order they became ready.</summary>
    public ChannelReader<ConnectionKey> Ready => _ready.Reader;

    /// <summary>How many connections have work pending or in flight.</summary>
    public int PendingConnections
    {
        get
        {
            var count = 0;
            foreach (var e in _entries.Values)
            {
                lock (e)
                {
                    if (e.HasWork || e.InFlight)
                    {
                        count++;
                    }
                }
            }

            return count;
        }
    }

    /// <summary>Whether a connection has nights waiting or a push in flight.</summary>
    /// <param name="key">The connection.</param>
    /// <returns><see langword="true"/> while its platform is about to be told something.</returns>
    public bool IsBusy(ConnectionKey key)
    {
        if (!_entries.TryGetValue(key, out var e))
        {
            return false;
        }

        lock (e)
        {
            return e.HasWork || e.InFlight;
        }
    }

    /// <summary>Whether marks of this trigger and scope go to the urgent lane: availability changed by a booking.</summary>
    /// <param name="trigger">What caused the mark (the event type for marks of events).</param>
    /// <param name="scope">What the mark pushes.</param>
    /// <returns>Whether the mark is urgent.</returns>
    public static bool IsUrgent(string trigger, AriPushScope scope) =>
        scope == AriPushScope.Availability && trigger.StartsWith("booking.", StringComparison.Ordinal);

    /// <summary>Marks nights dirty for a connection; a booking's availability goes to the urgent lane (<see cref="IsUrgent"/>).</summary>
    /// <param name="key">The connection.</param>
    /// <param name="range">The nights.</param>
    /// <param name="scope">What to push.</param>
    /// <param name="trigger">What caused it.</param>
    /// <param name="sequence">The persisted mark's sequence number (0 when not persisted); cleared after the push that covers it.</param>
    /// <param name="origin">The event behind the mark, if any (for the sync-latency histogram and the push's trace).</param>
    public void MarkDirty(ConnectionKey key, DateRange range, AriPushScope scope, string trigger, long sequence = 0, SyncOrigin origin = default) =>
        Update(key, (range, scope, trigger, sequence, origin), static (e, m) =>
        {
            var lane = IsUrgent(m.trigger, m.scope) ? e.Urgent : e.Budgeted;
            lane.Add(m.range, m.scope, m.sequence, m.origin);
            e.Trigger = m.trigger;
        });

    /// <summary>
    /// The backlog, for the gauges: nights waiting in each lane (in flight not counted) and connections with work
    /// waiting or in flight. Walks the connections under their locks: meant for a metrics scrape, not a hot path.
    /// </summary>
    /// <returns>Urgent nights, budgeted nights, busy connections.</returns>
    public (long UrgentNights, long BudgetedNights, long Connections) Backlog()
    {
        long urgent = 0, budgeted = 0, connections = 0;
        foreach (var e in _entries.Values)
        {
            lock (e)
            {
                urgent += e.Urgent.Nights;
                budgeted += e.Budgeted.Nights;
                if (e.HasWork || e.InFlight)
                {
                    connections++;
                }
            }
        }

        return (urgent, budgeted, connections);
    }

    /// <summary>
    /// Asks for a reservation pull for a connection. Nights already waiting keep their trigger: the push that carries
    /// them (and its sync-log row and metrics) is what caused it, and the pull rides along.
    /// </summary>
    public void RequestReservationPull(ConnectionKey key, string trigger) =>
        Update(key, trigger, static (e, t) =>
        {
            e.PullReservations = true;
            if (e.Trigger is null || !(e.Urgent.HasRanges || e.Budgeted.HasRanges))
            {
                e.Trigger = t;
            }
        });

    /// <summary>
    /// Takes a connection's ready work and marks it in flight: the urgent lane and reservation pull always, the
    /// budgeted lane unless it is deferred; <see langword="null"/> if nothing is ready.
    /// </summary>
    public PendingWork? Take(ConnectionKey key)
    {
        if (!_entries.TryGetValue(key, out var e))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        lock (e)
        {
            e.Queued = false;
            if (e.InFlight || !e.HasReadyWork(now))
            {
                return null;
            }

            var budgeted = e.BudgetedReady(now) ? e.Budgeted.TakeAll() : LaneWork.Empty;
            var work = new PendingWork(e.Urgent.TakeAll(), budgeted, e.PullReservations, e.Trigger ?? "unknown", e.Attempt + 1);
            e.PullReservations = false;
            e.InFlight = true;
            return work;
        }
    }

    /// <summary>
    /// Gives back a taken budgeted lane that may not go out before <paramref name="notBefore"/> (the connection's push
    /// budget is spent). Marks that arrive until then merge into it; the connection is queued again at that time.
    /// </summary>
    /// <param name="key">The connection.</param>
    /// <param name="budgeted">The budgeted lane's work, as taken.</param>
    /// <param name="notBefore">When the lane may go out.</param>
    public void Defer(ConnectionKey key, LaneWork budgeted, DateTimeOffset notBefore)
    {
        if (!_entries.TryGetValue(key, out var e))
        {
            return;
        }

        bool startTimer;
        lock (e)
        {
            e.Budgeted.AddAll(budgeted);
            if (notBefore > e.BudgetedNotBefore)
            {
                e.BudgetedNotBefore = notBefore;
            }

            startTimer = StartTimer(e);
        }

        if (startTimer)
        {
            _ = WakeWhenDueAsync(key, e);
        }
    }

    /// <summary>
    /// Ends an in-flight push. On failure the work is merged back and each lane that failed waits
    /// <paramref name="retryAfter"/> before it is handed out again; a lane that did not fail (a booking's closure
    /// pushed on its own after the rest was refused, or a mark that arrived meanwhile) is not held back by it.
    /// </summary>
    public void Complete(ConnectionKey key, PendingWork work, bool succeeded, TimeSpan retryAfter, TimeProvider time)
    {
        if (!_entries.TryGetValue(key, out var e))
        {
            return;
        }

        var enqueue = false;
        var startTimer = false;
        lock (e)
        {
            e.InFlight = false;
            var now = time.GetUtcNow();
            if (succeeded)
            {
                // A lane still waiting out a failure keeps counting its attempts.
                if (!e.HasWork)
                {
                    e.Attempt = 0;
                }
            }
            else
            {
                var until = now + retryAfter;
                e.Urgent.AddAll(work.Urgent);
                e.Budgeted.AddAll(work.Budgeted);
                e.PullReservations |= work.PullReservations;
                e.Trigger ??= work.Trigger;
                e.Attempt = work.Attempt;
                if (work.Urgent.HasRanges || work.PullReservations)
                {
                    e.UrgentNotBefore = until;
                }

                if (work.Budgeted.HasRanges && until > e.BudgetedNotBefore)
                {
                    e.BudgetedNotBefore = until;
                }
            }

            if (!e.Queued && e.HasReadyWork(now))
            {
                e.Queued = true;
                enqueue = true;
            }
            else if (e.HasWork)
            {
                startTimer = StartTimer(e);
            }
        }

        if (enqueue)
        {
            _ready.Writer.TryWrite(key);
        }
        else if (startTimer)
        {
            _ = WakeWhenDueAsync(key, e);
        }
    }

    /// <summary>Drops all work of a connection (deleted or paused).</summary>
    public void Forget(ConnectionKey key) => _entries.TryRemove(key, out _);

    private static bool StartTimer(Entry e)
    {
        if (e.WakeTimerRunning)
        {
            return false;
        }

        e.WakeTimerRunning = true;
        return true;
    }

    /// <summary>Queues the connection when its earliest waiting lane is due; ends when no lane waits.</summary>
    private async Task WakeWhenDueAsync(ConnectionKey key, Entry e)
    {
        while (true)
        {
            DateTimeOffset? due;
            bool enqueue;
            lock (e)
            {
                var now = _time.GetUtcNow();
                enqueue = !e.Queued && !e.InFlight && e.HasReadyWork(now);
                if (enqueue)
                {
                    e.Queued = true;
                }

                due = e.NextDue(now);
                if (due is null)
                {
                    e.WakeTimerRunning = false;
                }
            }

            if (enqueue && _entries.TryGetValue(key, out var current) && ReferenceEquals(current, e))
            {
                _ready.Writer.TryWrite(key);
            }

            if (due is not { } at)
            {
                return;
            }

            var wait = at - _time.GetUtcNow();
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), _time).ConfigureAwait(false);
        }
    }

    private void Update<TState>(ConnectionKey key, TState state, Action<Entry, TState> change)
    {
        var e = _entries.GetOrAdd(key, static _ => new Entry());
        bool enqueue;
        lock (e)
        {
            change(e, state);
            enqueue = !e.Queued && !e.InFlight && e.HasReadyWork(_time.GetUtcNow());
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
        public Lane Urgent { get; } = new();

        public Lane Budgeted { get; } = new();

        /// <summary>The budgeted lane may not be handed out before this time (budget spent, or a failed push's backoff).</summary>
        public DateTimeOffset BudgetedNotBefore { get; set; }

        /// <summary>The urgent lane and the reservation pull may not be handed out before this time (a failed push's backoff).</summary>
        public DateTimeOffset UrgentNotBefore { get; set; }

        public bool WakeTimerRunning { get; set; }

        public bool PullReservations { get; set; }

        public string? Trigger { get; set; }

        public bool Queued { get; set; }

        public bool InFlight { get; set; }

        public int Attempt { get; set; }

        public bool HasWork => Urgent.HasRanges || Budgeted.HasRanges || PullReservations;

        public bool BudgetedReady(DateTimeOffset now) => Budgeted.HasRanges && now >= BudgetedNotBefore;

        public bool UrgentReady(DateTimeOffset now) => (Urgent.HasRanges || PullReservations) && now >= UrgentNotBefore;

        public bool HasReadyWork(DateTimeOffset now) => UrgentReady(now) || BudgetedReady(now);

        /// <summary>When the earliest lane that has work but is not ready yet becomes ready; <see langword="null"/> if none waits.</summary>
        public DateTimeOffset? NextDue(DateTimeOffset now)
        {
            DateTimeOffset? due = null;
            if ((Urgent.HasRanges || PullReservations) && UrgentNotBefore > now)
            {
                due = UrgentNotBefore;
            }

            if (Budgeted.HasRanges && BudgetedNotBefore > now && (due is null || BudgetedNotBefore < due))
            {
                due = BudgetedNotBefore;
            }

            return due;
        }
    }

    private sealed class Lane
    {
        private readonly List<DateRange> _ranges = [];
        private readonly List<long> _sequences = [];
        private List<SyncOrigin>? _origins;
        private AriPushScope _scope;

        public bool HasRanges => _ranges.Count > 0;

        /// <summary>The nights waiting in this lane.</summary>
        public long Nights
        {
            get
            {
                long nights = 0;
                foreach (var r in _ranges)
                {
                    nights += r.Nights;
                }

                return nights;
            }
        }

        public void Add(DateRange range, AriPushScope scope, long sequence, SyncOrigin origin)
        {
            DateRangeSet.Add(_ranges, range);
            _scope |= scope;
            if (sequence > 0)
            {
                _sequences.Add(sequence);
            }

            if (origin.EventId != Guid.Empty)
            {
                AddOrigin(origin);
            }
        }

        public void AddAll(LaneWork work)
        {
            foreach (var r in work.Ranges)
            {
                DateRangeSet.Add(_ranges, r);
            }

            _scope |= work.Scope;
            _sequences.AddRange(work.Sequences);
            foreach (var o in work.Origins)
            {
                AddOrigin(o);
            }
        }

        public LaneWork TakeAll()
        {
            if (_ranges.Count == 0 && _sequences.Count == 0)
            {
                _scope = AriPushScope.None;
                _origins?.Clear();
                return LaneWork.Empty;
            }

            var work = new LaneWork(_ranges.ToArray(), _scope, _sequences.ToArray(), _origins is { Count: > 0 } o ? o.ToArray() : []);
            _ranges.Clear();
            _sequences.Clear();
            _origins?.Clear();
            _scope = AriPushScope.None;
            return work;
        }

        /// <summary>Keeps an event behind the lane's nights: once per event (one event marks several ranges), at most <see cref="SyncOrigin.MaxPerLane"/>.</summary>
        private void AddOrigin(SyncOrigin origin)
        {
            _origins ??= [];
            if (_origins.Count >= SyncOrigin.MaxPerLane)
            {
                return;
            }

            foreach (var o in _origins)
            {
                if (o.EventId == origin.EventId)
                {
                    return;
                }
            }

            _origins.Add(origin);
        }
    }
}
