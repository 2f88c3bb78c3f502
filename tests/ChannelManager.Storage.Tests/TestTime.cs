namespace ChannelManager.Storage.Tests;

/// <summary>
/// Timestamps for store tests. PostgreSQL keeps microseconds, so test instants are whole microseconds (a store
/// returns what it was given); they are given with a non-UTC offset to check that only the instant matters.
/// </summary>
internal static class TestTime
{
    public static readonly DateTimeOffset Base = new(2025, 3, 1, 12, 0, 0, TimeSpan.FromHours(2));

    /// <summary><see cref="Base"/> plus a number of milliseconds and microseconds.</summary>
    public static DateTimeOffset At(double milliseconds, int microseconds = 0) =>
        Base.AddTicks((long)(milliseconds * TimeSpan.TicksPerMillisecond) + (microseconds * 10L));
}
