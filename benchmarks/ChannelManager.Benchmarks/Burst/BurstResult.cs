using System.Globalization;

namespace ChannelManager.Benchmarks.Burst;

/// <summary>One burst: how fast it was published and applied, how long the platform took to match the ledger, and
/// how many calendar calls it cost; <see cref="Difference"/> is set when the simulator never matched.</summary>
internal sealed record BurstResult(
    int Changes,
    TimeSpan Publishing,
    double ChangesPerSecond,
    double CpuMicrosecondsPerChange,
    long BytesAllocatedPerChange,
    TimeSpan ConvergedAfterLastPublish,
    int CalendarCalls,
    int FailedCalendarCalls,
    string? Difference)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"published in {Publishing.TotalMilliseconds:F0} ms, publish+apply {ChangesPerSecond:N0} changes/s ({CpuMicrosecondsPerChange:F1} us CPU, {BytesAllocatedPerChange:N0} B allocated per change), " +
        $"simulator = ledger {ConvergedAfterLastPublish.TotalMilliseconds:F0} ms after the last publish, {CalendarCalls:N0} calendar calls ({FailedCalendarCalls} failed) = {(double)CalendarCalls / Changes:F4} per change");
}
