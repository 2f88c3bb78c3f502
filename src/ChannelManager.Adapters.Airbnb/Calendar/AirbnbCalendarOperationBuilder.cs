using System.Globalization;
using ChannelManager.Adapters;
using ChannelManager.Adapters.Airbnb.Api;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.Airbnb.Calendar;

/// <summary>
/// Turns nights into as few calendar operations as possible: consecutive nights whose pushed state is equal form
/// one inclusive range (<c>"start:last night"</c>, or a single date), and every range of the same state shares one
/// operation. ChannelManager's ranges end on the check-out day (exclusive); Airbnb's include their last night.
/// </summary>
internal static class AirbnbCalendarOperationBuilder
{
    /// <summary>At most this many date entries in one operation.</summary>
    public const int MaxDatesPerOperation = 100;

    /// <summary><c>busy_subtype</c> of a night the PMS closed.</summary>
    public const string BlockedByHost = "BLOCKED_BY_HOST";

    public static IReadOnlyList<AirbnbCalendarOperation> Build(IReadOnlyList<AriDay> days, AriPushScope scope)
    {
        ArgumentNullException.ThrowIfNull(days);
        var ordered = days.OrderBy(d => d.Date).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Date == ordered[i - 1].Date)
            {
                throw new ArgumentException($"The night {ordered[i].Date:yyyy-MM-dd} is given twice.", nameof(days));
            }
        }

        // Runs of consecutive nights with the same state, then grouped by state in order of first appearance.
        var groups = new Dictionary<NightState, List<string>>();
        var order = new List<NightState>();
        NightState? runState = null;
        DateOnly runStart = default, runLast = default;
        foreach (var day in ordered)
        {
            var state = NightState.Of(day, scope);
            if (runState is not null && state == runState && day.Date == runLast.AddDays(1))
            {
                runLast = day.Date;
                continue;
            }

            Close();
            runState = state;
            runStart = runLast = day.Date;
        }

        Close();
        return order.SelectMany(state => groups[state].Chunk(MaxDatesPerOperation).Select(state.ToOperation)).ToArray();

        void Close()
        {
            if (runState is null || runState.IsEmpty)
            {
                return;
            }

            if (!groups.TryGetValue(runState, out var ranges))
            {
                ranges = [];
                groups[runState] = ranges;
                order.Add(runState);
            }

            ranges.Add(Range(runStart, runLast));
        }
    }

    /// <summary>An inclusive range: <c>YYYY-MM-DD</c> for one night, else <c>YYYY-MM-DD:YYYY-MM-DD</c>.</summary>
    public static string Range(DateOnly first, DateOnly lastInclusive) =>
        first == lastInclusive
            ? first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{first:yyyy-MM-dd}:{lastInclusive:yyyy-MM-dd}");

    /// <summary>The part of a night's state a push of the given scope sends.</summary>
    private sealed record NightState(
        string? Availability,
        string? BusySubtype,
        int? AvailableCount,
        decimal? DailyPrice,
        int? MinNights,
        int? MaxNights,
        bool? ClosedToArrival,
        bool? ClosedToDeparture)
    {
        public bool IsEmpty => Availability is null && DailyPrice is null && MinNights is null && MaxNights is null &&
            ClosedToArrival is null && ClosedToDeparture is null;

        public static NightState Of(AriDay day, AriPushScope scope)
        {
            var availability = scope.HasFlag(AriPushScope.Availability);
            var restrictions = scope.HasFlag(AriPushScope.Restrictions);
            return new NightState(
                availability ? (day.IsBookable ? "available" : "unavailable") : null,
                availability && !day.IsBookable ? BlockedByHost : null,
                availability ? Math.Max(0, day.AvailableUnits) : null,
                scope.HasFlag(AriPushScope.Rates) ? day.Rate : null,
                restrictions && day.MinStay >= 1 ? day.MinStay : null,
                restrictions && day.MaxStay >= 1 ? day.MaxStay : null,
                restrictions ? day.ClosedToArrival : null,
                restrictions ? day.ClosedToDeparture : null);
        }

        public AirbnbCalendarOperation ToOperation(string[] dates) => new()
        {
            Dates = dates,
            Availability = Availability,
            BusySubtype = BusySubtype,
            AvailableCount = AvailableCount,
            DailyPrice = DailyPrice,
            MinNights = MinNights,
            MaxNights = MaxNights,
            ClosedToArrival = ClosedToArrival,
            ClosedToDeparture = ClosedToDeparture,
        };
    }
}
