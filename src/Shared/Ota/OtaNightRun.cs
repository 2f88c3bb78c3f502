namespace ChannelManager.Adapters.Shared.Ota;

/// <summary>Consecutive nights (<paramref name="Start"/> to <paramref name="End"/>, both included) that share one pushed state.</summary>
internal sealed record OtaNightRun<T>(DateOnly Start, DateOnly End, T State)
{
    /// <summary>The first day of the month the run starts in.</summary>
    public DateOnly Month => new(Start.Year, Start.Month, 1);
}
