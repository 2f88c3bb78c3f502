using System.Diagnostics;

namespace ChannelManager.Benchmarks.Workers;

/// <summary>This process's memory: resident set (VmRSS from /proc/self/status), managed heap and GC-committed bytes.</summary>
internal static class MemoryReport
{
    public static string Describe()
    {
        var rss = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : $"{Process.GetCurrentProcess().WorkingSet64 / 1024} kB";
        var info = GC.GetGCMemoryInfo();
        return $"VmRSS {Mb(rss)} MB, GC heap {GC.GetTotalMemory(false) / 1048576.0:F1} MB (heap size after last GC {info.HeapSizeBytes / 1048576.0:F1} MB, committed {info.TotalCommittedBytes / 1048576.0:F1} MB), {GC.CollectionCount(2)} gen-2 GCs, {Process.GetCurrentProcess().Threads.Count} threads";
    }

    private static string Mb(string kilobytes) =>
        long.TryParse(kilobytes.Replace(" kB", string.Empty, StringComparison.Ordinal), out var kb) ? (kb / 1024.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : kilobytes;
}
