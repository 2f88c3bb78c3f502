using System.Globalization;
using System.Runtime.InteropServices;

namespace ChannelManager.Chaos;

/// <summary>The machine a run ran on, for the record in docs/benchmarks.md.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var memory = ReadLine("/proc/meminfo", l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var gib = memory is null ? "?" : (long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture);
        var os = ReadLine("/etc/os-release", l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription;
        return $"{Environment.ProcessorCount} cores, {gib} GiB RAM, {os}, .NET {Environment.Version}, load average {LoadAverage()}";
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string? ReadLine(string path, Func<string, bool> match) =>
        File.Exists(path) ? File.ReadLines(path).FirstOrDefault(match) : null;
}
