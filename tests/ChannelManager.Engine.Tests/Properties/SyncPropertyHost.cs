using System.Globalization;
using System.Text;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Sync;
using ChannelManager.Events;
using ChannelManager.Inventory;
using ChannelManager.Testing.PmsHistories;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Engine.Tests.Properties;

/// <summary>
/// One engine host (embedded defaults, fake platforms, tiny retry delays, no rate limit or circuit breaking) shared by
/// every case: each case has its own tenant, property and connections, plays its history through
/// <see cref="SyncEngine.HandleAsync"/> while the dispatcher pushes concurrently, waits until the engine is quiet
/// (no connection with work pending or in flight, no platform call in flight) and checks the invariants.
/// </summary>
internal sealed class SyncPropertyHost
{
    /// <summary>Cases per host: the in-memory connection store keeps deleted connections and scans them on some writes, so a host is replaced now and then to keep every case as fast as the first.</summary>
    private const int CasesPerHost = 500;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static SyncPropertyHost? s_current;

    private readonly EngineHost _host;
    private readonly FakePlatform[] _platforms;
    private readonly SyncEngine _engine;
    private readonly DirtyRangeQueue _queue;
    private readonly ChannelConnectionService _connections;
    private readonly IInventoryLedger _ledger;
    private int _cases;

    private SyncPropertyHost(EngineHost host, FakePlatform[] platforms)
    {
        _host = host;
        _platforms = platforms;
        _engine = host.Get<SyncEngine>();
        _queue = host.Get<DirtyRangeQueue>();
        _connections = host.Get<ChannelConnectionService>();
        _ledger = host.Get<IInventoryLedger>();
    }

    /// <summary>Plays and checks one history on the shared host (cases run one at a time).</summary>
    public static async Task<string?> CheckOneAsync(SyncHistory history, bool noDoubleSell, bool convergence)
    {
        await Gate.WaitAsync();
        try
        {
            if (s_current is { _cases: >= CasesPerHost } old)
            {
                s_current = null;
                await old._host.DisposeAsync();
            }

            s_current ??= await StartAsync();
            return await s_current.CheckAsync(history, noDoubleSell, convergence);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Plays a history and checks it; returns what is wrong, or null when both invariants hold.</summary>
    private async Task<string?> CheckAsync(SyncHistory history, bool noDoubleSell, bool convergence)
    {
        var tenant = "props-" + Interlocked.Increment(ref _cases).ToString(CultureInfo.InvariantCulture);
        var property = Guid.NewGuid();
        var firstNight = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);
        var range = new DateRange(firstNight, firstNight.AddDays(SyncHistory.Nights));
        var setup = PmsScript.Setup(history.Units, firstNight, SyncHistory.Nights);
        await _engine.HandleAsync(Envelope(tenant, property, setup, 1, Guid.NewGuid()));

        var connections = new List<ChannelConnection>();
        for (var k = 0; k < history.Connections; k++)
        {
            var listing = $"{tenant}-{k}";
            _platforms[k].Open(listing, history.FailEvery);
            connections.Add(await _connections.CreateAsync(tenant, new NewChannelConnection
            {
                PropertyId = property,
                PlatformType = PmsScript.ConnectionPlatforms[k].ToWireName(),
                PlatformListingId = listing,
                AccessToken = "token",
            }));
        }

        try
        {
            var events = PmsScript.Events(history.Steps, history.Units, history.Connections, firstNight, pmsBookingPrefix: "pms");
            var eventIds = events.ToDictionary(e => e, _ => Guid.NewGuid());
            var platformHolds = new Dictionary<string, (long Version, DateRange? Stay, int Units)>();
            foreach (var e in PmsScript.Deliveries(history.Steps, events).Select(d => d.Event))
            {
                var payload = e.Payload;
                if (e.SourceConnection is { } source)
                {
                    var connection = connections[source];
                    payload = ((BookingEvent)payload) with { SourceConnectionId = connection.Id };
                    var held = platformHolds.GetValueOrDefault(e.BookingId!);
                    if (held.Version < e.Version)
                    {
                        // The booking happens on the platform now, and the engine hears of it now: the platform changes
                        // its own calendar itself. Quiet first, so no push read from the ledger before this booking
                        // can land after it (see the summary of SyncInvariantProperties).
                        await WaitQuietAsync();
                        var platform = _platforms[source];
                        if (held.Stay is { } oldStay)
                        {
                            platform.ApplyOwnBooking(connection.PlatformListingId, oldStay, -held.Units);
                        }

                        if (e.PlatformStay is { } newStay)
                        {
                            platform.ApplyOwnBooking(connection.PlatformListingId, newStay, e.Units);
                        }

                        platformHolds[e.BookingId!] = (e.Version, e.PlatformStay, e.Units);
                    }
                }

                await _engine.HandleAsync(Envelope(tenant, property, payload, e.Version, eventIds[e]));
            }

            await WaitQuietAsync();
            var truth = new PmsTruth(setup, events);
            var problems = new StringBuilder();
            if (noDoubleSell)
            {
                await CheckNoDoubleSellAsync(tenant, property, range, truth, problems);
            }

            if (convergence)
            {
                await CheckConvergenceAsync(tenant, property, range, truth, connections, problems);
            }

            if (problems.Length > 0 && convergence)
            {
                // Tell a lost push from a late one: after a long quiet period, does the platform hold the ledger?
                await Task.Delay(300);
                await WaitQuietAsync();
                var later = new StringBuilder();
                await CheckConvergenceAsync(tenant, property, range, truth, connections, later);
                problems.AppendLine(later.Length == 0 ? "(a push landed after the engine looked quiet: the quiet check was early)" : "(still so 300 ms later: the engine did not push it)");
            }

            return problems.Length == 0 ? null : problems.ToString();
        }
        finally
        {
            for (var k = 0; k < connections.Count; k++)
            {
                await _connections.DeleteAsync(tenant, connections[k].Id);
                _platforms[k].Close(connections[k].PlatformListingId);
            }
        }
    }

    /// <summary>
    /// For every night, the units of the confirmed bookings the ledger did not flag as overbooked fit in the night's
    /// total units; and the ledger holds every booking in its final PMS state.
    /// </summary>
    private async Task CheckNoDoubleSellAsync(string tenant, Guid property, DateRange range, PmsTruth truth, StringBuilder problems)
    {
        var days = await _ledger.GetAriAsync(tenant, property, range);
        var accepted = new Dictionary<DateOnly, int>();
        foreach (var (id, expected) in truth.Bookings)
        {
            var booking = await _ledger.GetBookingAsync(tenant, id);
            if (booking is null)
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"booking {id} is missing from the ledger");
                continue;
            }

            var expectedStatus = expected is BookingCancelled ? BookingStatus.Cancelled : BookingStatus.Confirmed;
            if (booking.Status != expectedStatus || booking.Stay != new DateRange(expected.CheckIn, expected.CheckOut) || booking.Units != expected.Units)
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"booking {id}: ledger {booking.Status} {booking.Stay} x{booking.Units}, PMS {expectedStatus} [{expected.CheckIn:yyyy-MM-dd}, {expected.CheckOut:yyyy-MM-dd}) x{expected.Units}");
            }

            if (booking.Status == BookingStatus.Confirmed && !booking.Overbooked)
            {
                foreach (var night in booking.Stay.EachNight())
                {
                    accepted[night] = accepted.GetValueOrDefault(night) + booking.Units;
                }
            }
        }

        foreach (var day in days)
        {
            if (accepted.GetValueOrDefault(day.Date) > day.TotalUnits)
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"double sell on {day.Date:yyyy-MM-dd}: {accepted[day.Date]} unit(s) taken by bookings not flagged overbooked, {day.TotalUnits} unit(s) in total");
            }
        }
    }

    /// <summary>The ledger equals the PMS's truth, and every platform shows the ledger, night by night.</summary>
    private async Task CheckConvergenceAsync(string tenant, Guid property, DateRange range, PmsTruth truth, IReadOnlyList<ChannelConnection> connections, StringBuilder problems)
    {
        var days = await _ledger.GetAriAsync(tenant, property, range);
        var diverged = new HashSet<int>();
        foreach (var day in days)
        {
            var expected = truth.Expected(day.Date);
            if (day != expected)
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"ledger {day.Date:yyyy-MM-dd}: {Describe(day)}; PMS: {Describe(expected)}");
            }

            for (var k = 0; k < connections.Count; k++)
            {
                var shown = _platforms[k].Shows(connections[k].PlatformListingId, day.Date);
                if (shown != day)
                {
                    diverged.Add(k);
                    problems.AppendLine(CultureInfo.InvariantCulture, $"c{k} ({PmsScript.ConnectionPlatforms[k].ToWireName()}) {day.Date:yyyy-MM-dd}: {(shown is null ? "never told" : Describe(shown))}; ledger: {Describe(day)}");
                }
            }
        }

        foreach (var k in diverged)
        {
            problems.AppendLine(CultureInfo.InvariantCulture, $"c{k}'s calendar, call by call (first night {range.Start:MM-dd}):").AppendLine(_platforms[k].HistoryOf(connections[k].PlatformListingId));
        }
    }

    private static string Describe(AriDay d) => string.Create(
        CultureInfo.InvariantCulture,
        $"{(d.IsBookable ? "open" : "closed")} {d.AvailableUnits}/{d.TotalUnits}{(d.StopSell ? " stop-sell" : "")} rate={d.Rate?.ToString(CultureInfo.InvariantCulture) ?? "-"} min={d.MinStay} through={d.MinStayThrough} max={d.MaxStay} cta={d.ClosedToArrival} ctd={d.ClosedToDeparture}");

    /// <remarks>
    /// <see cref="DirtyRangeQueue.PendingConnections"/> reads the entries without their lock, so for an instant inside
    /// <c>Take</c> or <c>Complete</c> a connection with work can look idle: quiet must be seen twice, a few thread-pool
    /// turns apart, with no platform call started in between.
    /// </remarks>
    private async Task WaitQuietAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var polls = 0;
        while (true)
        {
            var calls = _platforms.Sum(p => p.Calls);
            if (IsQuiet())
            {
                for (var i = 0; i < 4; i++)
                {
                    await Task.Yield();
                }

                if (IsQuiet() && _platforms.Sum(p => p.Calls) == calls)
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The engine did not go quiet within 30 s.");
            }

            if (++polls < 500)
            {
                await Task.Yield();
            }
            else
            {
                await Task.Delay(1);
            }
        }
    }

    private bool IsQuiet() => _queue.PendingConnections == 0 && _platforms.All(p => p.InFlight == 0);

    private static EventEnvelope Envelope(string tenant, Guid property, PmsEvent payload, long version, Guid eventId) => new()
    {
        EventId = eventId,
        TenantId = tenant,
        PropertyId = property,
        OccurredAt = DateTimeOffset.UtcNow,
        Version = version,
        Payload = payload,
    };

    private static async Task<SyncPropertyHost> StartAsync()
    {
        FakePlatform[] platforms = [.. PmsScript.ConnectionPlatforms.Select(p => new FakePlatform(p))];
        var host = await EngineHost.StartAsync(
            o =>
            {
                o.SyncWindowDays = 30;
                o.DispatchConcurrency = 8;
                o.DispatchRetryBaseDelay = TimeSpan.FromMilliseconds(1);
                o.DispatchRetryMaxDelay = TimeSpan.FromMilliseconds(4);
                o.DefaultResilience.MaxRetryAttempts = 1;
                o.DefaultResilience.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
                o.DefaultResilience.RetryMaxDelay = TimeSpan.FromMilliseconds(2);
                o.DefaultResilience.PermitsPerSecond = 100_000;
                o.DefaultResilience.BurstLimit = 100_000;
                o.DefaultResilience.BreakerMinimumThroughput = 100_000;
                o.DefaultResilience.AriPushBudget = 0;
            },
            [.. platforms.Cast<ChannelManager.Adapters.IChannelAdapter>()],
            null);
        return new SyncPropertyHost(host, platforms);
    }
}
