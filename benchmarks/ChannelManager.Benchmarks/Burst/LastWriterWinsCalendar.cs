using ChannelManager.Events;
using ChannelManager.Inventory;

namespace ChannelManager.Benchmarks.Burst;

/// <summary>
/// What the ledger must hold after a burst whose changes carry increasing versions: per night and field, the value
/// of the last change that set it (the order of publishing, whatever order the consumers handled them in).
/// </summary>
internal sealed class LastWriterWinsCalendar
{
    private readonly DateOnly _firstNight;
    private readonly decimal?[] _rate;
    private readonly int?[] _minStay;
    private readonly int?[] _maxStay;
    private readonly int?[] _totalUnits;
    private readonly bool?[] _stopSell;
    private readonly bool?[] _closedToArrival;
    private readonly bool?[] _closedToDeparture;

    public LastWriterWinsCalendar(DateOnly firstNight, int nights)
    {
        _firstNight = firstNight;
        _rate = new decimal?[nights];
        _minStay = new int?[nights];
        _maxStay = new int?[nights];
        _totalUnits = new int?[nights];
        _stopSell = new bool?[nights];
        _closedToArrival = new bool?[nights];
        _closedToDeparture = new bool?[nights];
    }

    /// <summary>Applies changes in their version order.</summary>
    public void ApplyInOrder(IEnumerable<PmsEvent> changes)
    {
        foreach (var change in changes)
        {
            switch (change)
            {
                case PricingUpdated p:
                    foreach (var i in Nights(p.From, p.To, p.Weekdays))
                    {
                        _rate[i] = p.Rate;
                    }

                    break;
                case AvailabilityUpdated a:
                    foreach (var i in Nights(a.From, a.To, a.Weekdays))
                    {
                        _minStay[i] = a.MinStay ?? _minStay[i];
                        _maxStay[i] = a.MaxStay ?? _maxStay[i];
                        _totalUnits[i] = a.TotalUnits ?? _totalUnits[i];
                        _stopSell[i] = a.StopSell ?? _stopSell[i];
                        _closedToArrival[i] = a.ClosedToArrival ?? _closedToArrival[i];
                        _closedToDeparture[i] = a.ClosedToDeparture ?? _closedToDeparture[i];
                    }

                    break;
            }
        }
    }

    /// <summary>Describes the first night on which the ledger differs, or <see langword="null"/> when it matches on every night.</summary>
    public string? FirstDifference(IReadOnlyList<AriDay> ledger)
    {
        foreach (var day in ledger)
        {
            var i = day.Date.DayNumber - _firstNight.DayNumber;
            if (i < 0 || i >= _rate.Length)
            {
                continue;
            }

            if (day.Rate != _rate[i] || day.MinStay != _minStay[i] || day.MaxStay != _maxStay[i] || day.TotalUnits != (_totalUnits[i] ?? 1)
                || day.StopSell != (_stopSell[i] ?? false) || day.ClosedToArrival != (_closedToArrival[i] ?? false)
                || day.ClosedToDeparture != (_closedToDeparture[i] ?? false))
            {
                return $"{day.Date:yyyy-MM-dd}: ledger {day}, expected rate {_rate[i]}, min {_minStay[i]}, max {_maxStay[i]}, units {_totalUnits[i]}, stop-sell {_stopSell[i]}, CTA {_closedToArrival[i]}, CTD {_closedToDeparture[i]}";
            }
        }

        return null;
    }

    private IEnumerable<int> Nights(DateOnly from, DateOnly to, IReadOnlyList<DayOfWeek>? weekdays)
    {
        for (var d = from; d < to; d = d.AddDays(1))
        {
            if (weekdays is null || weekdays.Contains(d.DayOfWeek))
            {
                yield return d.DayNumber - _firstNight.DayNumber;
            }
        }
    }
}
