using System.Globalization;

namespace ChannelManager.Inventory;

/// <summary>
/// A range of nights: <see cref="Start"/> is the first night, <see cref="End"/> is exclusive (the check-out day).
/// A stay from 1 July to 5 July is <c>[2025-07-01, 2025-07-05)</c>: four nights.
/// </summary>
public readonly record struct DateRange
{
    /// <summary>Creates a range; <paramref name="end"/> must be after <paramref name="start"/>.</summary>
    /// <param name="start">The first night.</param>
    /// <param name="end">The day after the last night (exclusive).</param>
    /// <exception cref="ArgumentException">When <paramref name="end"/> is not after <paramref name="start"/>.</exception>
    public DateRange(DateOnly start, DateOnly end)
    {
        if (end <= start)
        {
            throw new ArgumentException($"The end ({end:yyyy-MM-dd}) must be after the start ({start:yyyy-MM-dd}).", nameof(end));
        }

        Start = start;
        End = end;
    }

    /// <summary>The first night.</summary>
    public DateOnly Start { get; }

    /// <summary>The day after the last night (exclusive).</summary>
    public DateOnly End { get; }

    /// <summary>The last night (inclusive), as platforms with inclusive ranges want it.</summary>
    public DateOnly LastNight => End.AddDays(-1);

    /// <summary>How many nights the range holds.</summary>
    public int Nights => End.DayNumber - Start.DayNumber;

    /// <summary>A range of one night.</summary>
    /// <param name="night">The night.</param>
    /// <returns>The range.</returns>
    public static DateRange Single(DateOnly night) => new(night, night.AddDays(1));

    /// <summary>Whether the range holds the given night.</summary>
    /// <param name="night">The night.</param>
    /// <returns><see langword="true"/> when <paramref name="night"/> is in the range.</returns>
    public bool Contains(DateOnly night) => night >= Start && night < End;

    /// <summary>Whether two ranges share at least one night.</summary>
    /// <param name="other">The other range.</param>
    /// <returns><see langword="true"/> when they overlap.</returns>
    public bool Overlaps(DateRange other) => Start < other.End && other.Start < End;

    /// <summary>Whether two ranges overlap or touch, so that their union is one range.</summary>
    /// <param name="other">The other range.</param>
    /// <returns><see langword="true"/> when they can be merged.</returns>
    public bool OverlapsOrTouches(DateRange other) => Start <= other.End && other.Start <= End;

    /// <summary>The smallest range holding both.</summary>
    /// <param name="other">The other range.</param>
    /// <returns>The hull of the two ranges.</returns>
    public DateRange Hull(DateRange other) =>
        new(Start < other.Start ? Start : other.Start, End > other.End ? End : other.End);

    /// <summary>The nights both ranges share, if any.</summary>
    /// <param name="other">The other range.</param>
    /// <returns>The intersection, or <see langword="null"/>.</returns>
    public DateRange? Intersect(DateRange other)
    {
        var s = Start > other.Start ? Start : other.Start;
        var e = End < other.End ? End : other.End;
        return e > s ? new DateRange(s, e) : null;
    }

    /// <summary>Every night of the range in order.</summary>
    /// <returns>The nights.</returns>
    public IEnumerable<DateOnly> EachNight()
    {
        for (var d = Start; d < End; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    /// <summary>The range as <c>[yyyy-MM-dd, yyyy-MM-dd)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Start:yyyy-MM-dd}, {End:yyyy-MM-dd})");
}
