using System.Globalization;
using System.Net;
using System.Text;
using ChannelManager.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Inventory;
using ChannelManager.Simulator.Faults;
using ChannelManager.Testing.PmsHistories;

namespace ChannelManager.AspNetCore.Tests.Convergence;

/// <summary>
/// Plays one history end to end on the shared host: a new property, its Airbnb connections created through the API
/// (each waited for until its initial push is logged), the PMS's events published through <see cref="EventService"/>
/// in delivery order with faults injected into the simulator on the way; then waits until the ledger equals the PMS's
/// truth and every listing on the simulator equals the ledger as the Airbnb adapter maps it, and checks that it stays
/// so once the simulator has had no call for a while.
/// </summary>
internal sealed class AirbnbConvergenceCase(AirbnbConvergenceApp app)
{
    /// <summary>The API's tenant when no tenant resolver is configured.</summary>
    private const string Tenant = "default";

    private const string CalendarPath = "/v2/calendar_operations";

    private const int ConvergenceTimeoutMs = 10_000;

    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(60);

    /// <summary>Longer than any wait before a call (a 1 s <c>Retry-After</c>, the 200 ms longest dispatch retry delay), so a failing case gives up early.</summary>
    private static readonly TimeSpan GiveUpAfterIdle = TimeSpan.FromSeconds(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Plays a history; returns what differs, or null when everything converged.</summary>
    public async Task<string?> CheckAsync(ConvergenceHistory history)
    {
        app.Simulator.State.ClearCalls();
        var property = Guid.NewGuid();
        var firstNight = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(ConvergenceHistory.DaysAhead);
        var range = new DateRange(firstNight, firstNight.AddDays(ConvergenceHistory.Nights));
        var events = app.Get<EventService>();
        var setup = PmsScript.Setup(history.Units, firstNight, ConvergenceHistory.Nights);
        await events.PublishAsync(Tenant, property, setup, Guid.NewGuid(), 1, Ct);

        var listings = new List<string>();
        var connections = new List<Guid>();
        try
        {
            for (var k = 0; k < history.Listings; k++)
            {
                var listing = Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
                var created = await app.CreateConnectionAsync(property, listing);
                listings.Add(listing);
                connections.Add(Guid.Parse(created.GetProperty("id").GetString()!));
            }

            foreach (var connection in connections)
            {
                await app.WaitForInitialPushAsync(connection, Tenant);
            }

            // Booking ids are unique per tenant, and every case runs in the same tenant: each case gives its own prefix.
            var scripted = PmsScript.Events(history.Steps, history.Units, history.Listings, firstNight, pmsBookingPrefix: property.ToString("N"));
            foreach (var delivery in ConvergenceDelivery.Of(history, scripted))
            {
                if (FaultFor(delivery.Fault) is { } fault)
                {
                    app.Simulator.State.InjectFault(fault);
                }

                await events.PublishAsync(Tenant, property, delivery.Event.Payload, delivery.EventId, delivery.Event.Version, Ct);
            }

            var truth = new PmsTruth(setup, scripted);
            string? differences = null;
            try
            {
                // Equal, or given up early: still different although Airbnb has had no call for longer than any retry waits.
                await Eventually.TrueAsync(
                    async () => (differences = await DifferencesAsync(property, range, truth, listings)) is null || SimulatorIdleFor() > GiveUpAfterIdle,
                    "the ledger equals the PMS and Airbnb the ledger",
                    ConvergenceTimeoutMs);
            }
            catch (TimeoutException)
            {
                return $"not converged after {ConvergenceTimeoutMs} ms:{Environment.NewLine}{differences}";
            }

            if (differences is not null)
            {
                return $"not converged, and Airbnb had no call for {GiveUpAfterIdle.TotalMilliseconds} ms:{Environment.NewLine}{differences}";
            }

            await WaitUntilSimulatorIsQuietAsync();
            differences = await DifferencesAsync(property, range, truth, listings);
            return differences is null ? null : $"converged, then a later call changed it:{Environment.NewLine}{differences}";
        }
        finally
        {
            app.Simulator.State.ClearFaults();
            foreach (var connection in connections)
            {
                var deleted = await app.Client.DeleteAsync($"channel-connections/{connection}", Ct);
                Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            }
        }
    }

    /// <summary>Night by night: the ledger against the PMS's truth, and each listing on the simulator against the ledger.</summary>
    private async Task<string?> DifferencesAsync(Guid property, DateRange range, PmsTruth truth, IReadOnlyList<string> listings)
    {
        var days = await app.Get<IInventoryLedger>().GetAriAsync(Tenant, property, range, Ct);
        var problems = new StringBuilder();
        foreach (var day in days)
        {
            var expected = truth.Expected(day.Date);
            if (day != expected)
            {
                problems.AppendLine(CultureInfo.InvariantCulture, $"  ledger {day.Date:yyyy-MM-dd}: {Describe(day)}; PMS: {Describe(expected)}");
            }

            var wanted = AirbnbNight.ExpectedFor(day);
            for (var k = 0; k < listings.Count; k++)
            {
                var held = AirbnbNight.HeldAs(app.Simulator.State.GetDay(Platform.Airbnb, listings[k], day.Date));
                if (held != wanted)
                {
                    problems.AppendLine(CultureInfo.InvariantCulture, $"  airbnb listing {k} {day.Date:yyyy-MM-dd}: {held?.ToString() ?? "never set"}; ledger maps to: {wanted}");
                }
            }
        }

        return problems.Length == 0 ? null : problems.ToString();
    }

    /// <summary>Waits until the simulator has had no call for <see cref="QuietPeriod"/> (a retry or a late push would land in it).</summary>
    private async Task WaitUntilSimulatorIsQuietAsync()
    {
        var calls = app.Simulator.State.Calls.Count;
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(QuietPeriod, Ct);
            var now = app.Simulator.State.Calls.Count;
            if (now == calls)
            {
                return;
            }

            calls = now;
        }
    }

    /// <summary>How long since the simulator last answered a call of this case (zero before the first).</summary>
    private TimeSpan SimulatorIdleFor()
    {
        var calls = app.Simulator.State.Calls;
        return calls.Count == 0 ? TimeSpan.Zero : DateTimeOffset.UtcNow - calls.Max(c => c.Timestamp + c.Duration);
    }

    private static SimulatorFault? FaultFor(InjectedFault fault) => fault switch
    {
        InjectedFault.Unavailable => SimulatorFault.Status(Platform.Airbnb, 503, pathPrefix: CalendarPath),
        InjectedFault.UnavailableThrice => SimulatorFault.Status(Platform.Airbnb, 503, times: 3, pathPrefix: CalendarPath),
        InjectedFault.TooManyRequests => SimulatorFault.Status(Platform.Airbnb, 429, retryAfterSeconds: 0, pathPrefix: CalendarPath),
        InjectedFault.TooManyRequestsRetryAfterOneSecond => SimulatorFault.Status(Platform.Airbnb, 429, retryAfterSeconds: 1, pathPrefix: CalendarPath),
        InjectedFault.SlowBody => SimulatorFault.Slow(Platform.Airbnb, TimeSpan.FromMilliseconds(150), pathPrefix: CalendarPath),
        InjectedFault.TruncatedBody => SimulatorFault.Truncated(Platform.Airbnb, pathPrefix: CalendarPath),
        _ => null,
    };

    private static string Describe(AriDay d)
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"{d.AvailableUnits}/{d.TotalUnits} free");
        if (d.StopSell)
        {
            s.Append(" stop-sell");
        }

        s.Append(CultureInfo.InvariantCulture, $" rate={(d.Rate is { } r ? $"{r} {d.Currency}" : "-")}");
        s.Append(CultureInfo.InvariantCulture, $" min={d.MinStay?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        s.Append(CultureInfo.InvariantCulture, $" min-through={d.MinStayThrough?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        s.Append(CultureInfo.InvariantCulture, $" max={d.MaxStay?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        if (d.ClosedToArrival)
        {
            s.Append(" cta");
        }

        if (d.ClosedToDeparture)
        {
            s.Append(" ctd");
        }

        return s.ToString();
    }
}
