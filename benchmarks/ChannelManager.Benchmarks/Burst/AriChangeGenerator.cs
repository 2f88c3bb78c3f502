using ChannelManager.Events;

namespace ChannelManager.Benchmarks.Burst;

/// <summary>
/// Random but reproducible ARI changes over a sync window, the shape a PMS sends in a burst: half
/// <c>pricing.updated</c> (1–30 nights, rates with cents, one in five for Fridays and Saturdays only), half
/// <c>availability.updated</c> with restrictions (min stay 1–7, max stay 10–30, closed to arrival/departure,
/// stop-sell, sometimes total units), each field present or absent at random. Min stay never exceeds max stay on
/// any night, whatever the order, so every night's state is one a platform accepts.
/// </summary>
internal sealed class AriChangeGenerator(DateOnly firstNight, int windowNights, int seed)
{
    private static readonly DayOfWeek[] Weekend = [DayOfWeek.Friday, DayOfWeek.Saturday];
    private readonly Random _random = new(seed);

    /// <summary>The next change.</summary>
    public PmsEvent Next()
    {
        var nights = _random.Next(1, 31);
        var start = firstNight.AddDays(_random.Next(0, windowNights - nights + 1));
        var end = start.AddDays(nights);
        if (_random.Next(2) == 0)
        {
            return new PricingUpdated
            {
                From = start,
                To = end,
                Rate = 80m + (_random.Next(0, 32_000) / 100m),
                Currency = "EUR",
                Weekdays = _random.Next(5) == 0 ? Weekend : null,
            };
        }

        var change = new AvailabilityUpdated
        {
            From = start,
            To = end,
            MinStay = Maybe(70) ? _random.Next(1, 8) : null,
            MaxStay = Maybe(50) ? _random.Next(10, 31) : null,
            ClosedToArrival = Maybe(40) ? _random.Next(2) == 0 : null,
            ClosedToDeparture = Maybe(40) ? _random.Next(2) == 0 : null,
            StopSell = Maybe(20) ? _random.Next(3) == 0 : null,
            TotalUnits = Maybe(10) ? _random.Next(1, 3) : null,
        };
        return change is { MinStay: null, MaxStay: null, ClosedToArrival: null, ClosedToDeparture: null, StopSell: null, TotalUnits: null }
            ? change with { MinStay = _random.Next(1, 8) }
            : change;
    }

    /// <summary>The next <paramref name="count"/> changes.</summary>
    public PmsEvent[] Next(int count)
    {
        var changes = new PmsEvent[count];
        for (var i = 0; i < count; i++)
        {
            changes[i] = Next();
        }

        return changes;
    }

    private bool Maybe(int percent) => _random.Next(100) < percent;
}
