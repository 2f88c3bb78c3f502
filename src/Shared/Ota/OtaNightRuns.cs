using ChannelManager.Inventory;

namespace ChannelManager.Adapters.Shared.Ota;

/// <summary>Merges ordered nights into runs of consecutive nights with an equal state: one OTA message per run.</summary>
internal static class OtaNightRuns
{
    /// <summary>Runs of consecutive nights whose state (as <paramref name="stateOf"/> gives it) is equal and not null.</summary>
    /// <param name="ordered">The nights, in date order.</param>
    /// <param name="stateOf">The part of a night a message carries; <see langword="null"/> leaves the night out.</param>
    /// <param name="cutAtMonthEnd">Whether a run ends with its month (platforms that take one month per request).</param>
    public static List<OtaNightRun<T>> Of<T>(IReadOnlyList<AriDay> ordered, Func<AriDay, T?> stateOf, bool cutAtMonthEnd = false)
        where T : class
    {
        var runs = new List<OtaNightRun<T>>();
        OtaNightRun<T>? current = null;
        foreach (var day in ordered)
        {
            var state = stateOf(day);
            if (current is not null && state is not null && EqualityComparer<T>.Default.Equals(current.State, state) &&
                day.Date == current.End.AddDays(1) && (!cutAtMonthEnd || day.Date.Month == current.End.Month))
            {
                current = current with { End = day.Date };
                runs[^1] = current;
                continue;
            }

            current = state is null ? null : new OtaNightRun<T>(day.Date, day.Date, state);
            if (current is not null)
            {
                runs.Add(current);
            }
        }

        return runs;
    }
}
