using ChannelManager.Inventory;

namespace ChannelManager.Engine.Storage;

/// <summary>Collects nights in ascending order into runs of consecutive nights (the ranges a change touched).</summary>
internal sealed class NightRuns
{
    private readonly List<DateRange> _ranges = [];

    /// <summary>The runs so far, in date order.</summary>
    public IReadOnlyList<DateRange> Ranges => _ranges;

    /// <summary>Adds a night after (or equal to) the last one added.</summary>
    public void Add(DateOnly night)
    {
        if (_ranges.Count > 0 && _ranges[^1].End >= night)
        {
            if (_ranges[^1].End == night)
            {
                _ranges[^1] = new DateRange(_ranges[^1].Start, night.AddDays(1));
            }

            return;
        }

        _ranges.Add(new DateRange(night, night.AddDays(1)));
    }
}
