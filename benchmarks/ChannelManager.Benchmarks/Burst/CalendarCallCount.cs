namespace ChannelManager.Benchmarks.Burst;

/// <summary>Calendar calls the simulator recorded, and how many of them it answered with an error.</summary>
internal readonly record struct CalendarCallCount(int Total, int Failed)
{
    public static CalendarCallCount operator -(CalendarCallCount after, CalendarCallCount before) => new(after.Total - before.Total, after.Failed - before.Failed);
}
