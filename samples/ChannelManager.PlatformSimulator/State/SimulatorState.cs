using System.Collections.Concurrent;
using ChannelManager.Connections;
using ChannelManager.Simulator.Airbnb;
using ChannelManager.Simulator.BookingCom;
using ChannelManager.Simulator.FewoDirekt;
using ChannelManager.Simulator.Calls;
using ChannelManager.Simulator.Faults;
using ChannelManager.Simulator.Google;

namespace ChannelManager.Simulator.State;

/// <summary>
/// Everything the simulated platforms hold: per platform and listing a calendar of nights, revoked tokens, removed
/// listings, pending faults and the calls received. Listings exist from their first use. Thread-safe.
/// </summary>
public sealed class SimulatorState
{
    private readonly Dictionary<ListingKey, SortedDictionary<DateOnly, SimulatedDay>> _calendars = [];
    private readonly HashSet<ListingKey> _removedListings = [];
    private readonly ConcurrentDictionary<string, byte> _revokedTokens = new(StringComparer.Ordinal);
    private readonly List<RecordedCall> _calls = [];
    private readonly Lock _callsGate = new();
    private readonly FaultQueue _faults = new();

    /// <summary>Creates an empty state.</summary>
    /// <param name="timeProvider">The clock for timestamps (calls, reservations); the system clock by default.</param>
    public SimulatorState(TimeProvider? timeProvider = null)
    {
        TimeProvider = timeProvider ?? TimeProvider.System;
        Airbnb = new AirbnbState(this);
        BookingCom = new BookingComState(this);
        Expedia = new Expedia.ExpediaState(this);
        FewoDirekt = new FewoDirektState(this);
        Google = new GoogleState(this);
    }

    /// <summary>The clock for timestamps.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Airbnb's reservations.</summary>
    public AirbnbState Airbnb { get; }

    /// <summary>Booking.com's tokens, reservations and reservation queues.</summary>
    public BookingComState BookingCom { get; }

    /// <summary>Expedia's bookings and their retrieval/confirmation status.</summary>
    public Expedia.ExpediaState Expedia { get; }

    /// <summary>FeWo-direkt's bookings.</summary>
    public FewoDirektState FewoDirekt { get; }

    /// <summary>Google's access tokens.</summary>
    public GoogleState Google { get; }

    /// <summary>Every call received so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_callsGate)
            {
                return _calls.ToArray();
            }
        }
    }

    /// <summary>The faults still pending, in the order they will be used.</summary>
    public IReadOnlyList<SimulatorFault> PendingFaults => _faults.Pending();

    /// <summary>Guards the calendars and every platform's bookings, so that a booking and its nights change together.</summary>
    internal Lock Gate { get; } = new();

    /// <summary>The calls received by one platform, oldest first.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The calls.</returns>
    public IReadOnlyList<RecordedCall> CallsFor(Platform platform) => Calls.Where(c => c.Platform == platform).ToArray();

    /// <summary>Forgets the calls received so far.</summary>
    public void ClearCalls()
    {
        lock (_callsGate)
        {
            _calls.Clear();
        }
    }

    /// <summary>Makes the next matching calls misbehave.</summary>
    /// <param name="fault">The fault.</param>
    /// <exception cref="ArgumentException">When the fault is not usable.</exception>
    public void InjectFault(SimulatorFault fault) => _faults.Enqueue(fault);

    /// <summary>Removes every pending fault.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>Gets the state of one night, or <see langword="null"/> when nobody has touched it.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="listingId">The listing.</param>
    /// <param name="date">The night.</param>
    /// <returns>The night's state.</returns>
    public SimulatedDay? GetDay(Platform platform, string listingId, DateOnly date)
    {
        lock (Gate)
        {
            return _calendars.TryGetValue(new ListingKey(platform, listingId), out var calendar) &&
                calendar.TryGetValue(date, out var day) ? day : null;
        }
    }

    /// <summary>The nights of a listing that have a state, in date order.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="listingId">The listing.</param>
    /// <param name="from">The first night.</param>
    /// <param name="toExclusive">The day after the last night.</param>
    /// <returns>The nights in <c>[from, toExclusive)</c> that were ever set; untouched nights are left out.</returns>
    public IReadOnlyList<SimulatedDay> GetCalendar(Platform platform, string listingId, DateOnly from, DateOnly toExclusive)
    {
        lock (Gate)
        {
            if (!_calendars.TryGetValue(new ListingKey(platform, listingId), out var calendar))
            {
                return [];
            }

            return calendar.Values.Where(d => d.Date >= from && d.Date < toExclusive).ToArray();
        }
    }

    /// <summary>Sets the state of one night directly (to seed a calendar in a test).</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="listingId">The listing.</param>
    /// <param name="day">The night's state.</param>
    public void SetDay(Platform platform, string listingId, SimulatedDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        lock (Gate)
        {
            CalendarOf(new ListingKey(platform, listingId))[day.Date] = day;
        }
    }

    /// <summary>Whether a listing is known to the platform (every listing is, until removed).</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="listingId">The listing.</param>
    /// <returns><see langword="false"/> after <see cref="RemoveListing"/>.</returns>
    public bool ListingExists(Platform platform, string listingId)
    {
        lock (Gate)
        {
            return !_removedListings.Contains(new ListingKey(platform, listingId));
        }
    }

    /// <summary>Makes a listing unknown: every call about it answers 404.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="listingId">The listing.</param>
    public void RemoveListing(Platform platform, string listingId)
    {
        lock (Gate)
        {
            _removedListings.Add(new ListingKey(platform, listingId));
        }
    }

    /// <summary>Makes a removed listing known again.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="listingId">The listing.</param>
    public void RestoreListing(Platform platform, string listingId)
    {
        lock (Gate)
        {
            _removedListings.Remove(new ListingKey(platform, listingId));
        }
    }

    /// <summary>Revokes an access token: calls with it answer 401.</summary>
    /// <param name="token">The token.</param>
    public void RevokeToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _revokedTokens[token] = 0;
    }

    /// <summary>Makes a revoked token valid again.</summary>
    /// <param name="token">The token.</param>
    public void RestoreToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _revokedTokens.TryRemove(token, out _);
    }

    /// <summary>Whether a token is accepted: any non-empty token that was not revoked.</summary>
    /// <param name="token">The token.</param>
    /// <returns><see langword="true"/> when calls with it are authorised.</returns>
    public bool IsTokenValid(string? token) => !string.IsNullOrWhiteSpace(token) && !_revokedTokens.ContainsKey(token);

    /// <summary>Forgets everything: calendars, bookings, removed listings, revoked tokens, faults and calls.</summary>
    public void Reset()
    {
        lock (Gate)
        {
            _calendars.Clear();
            _removedListings.Clear();
            Airbnb.ClearUnderLock();
            BookingCom.ClearUnderLock();
            Expedia.ClearUnderLock();
            FewoDirekt.ClearUnderLock();
            Google.ClearUnderLock();
        }

        _revokedTokens.Clear();
        _faults.Clear();
        ClearCalls();
    }

    internal SimulatorFault? TakeFault(Platform platform, string relativePath) => _faults.TryTake(platform, relativePath);

    internal void Record(RecordedCall call)
    {
        lock (_callsGate)
        {
            _calls.Add(call);
        }
    }

    /// <summary>Applies all changes at once (all or nothing is the caller's validation's job).</summary>
    internal void Apply(Platform platform, string listingId, IReadOnlyList<CalendarChange> changes)
    {
        lock (Gate)
        {
            var calendar = CalendarOf(new ListingKey(platform, listingId));
            foreach (var change in changes)
            {
                for (var date = change.From; date <= change.Through; date = date.AddDays(1))
                {
                    var day = calendar.TryGetValue(date, out var existing) ? existing : SimulatedDay.Default(date);
                    calendar[date] = change.Patch.ApplyTo(day);
                }
            }
        }
    }

    /// <summary>Reads or creates a night; the caller holds <see cref="Gate"/>.</summary>
    internal SimulatedDay DayUnderLock(Platform platform, string listingId, DateOnly date) =>
        CalendarOf(new ListingKey(platform, listingId)).TryGetValue(date, out var day) ? day : SimulatedDay.Default(date);

    /// <summary>Writes a night; the caller holds <see cref="Gate"/>.</summary>
    internal void SetDayUnderLock(Platform platform, string listingId, SimulatedDay day) =>
        CalendarOf(new ListingKey(platform, listingId))[day.Date] = day;

    private SortedDictionary<DateOnly, SimulatedDay> CalendarOf(ListingKey key)
    {
        if (!_calendars.TryGetValue(key, out var calendar))
        {
            calendar = [];
            _calendars[key] = calendar;
        }

        return calendar;
    }
}
