using System.Runtime.InteropServices;

namespace ChannelManager.Benchmarks.Workers;

/// <summary>The machine a run is on, printed at its start: cores, CPU model, RAM, OS, .NET, and the load average.</summary>
internal static class MachineInfo
{
    public static void Print()
    {
        var cpu = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var ram = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {cpu}, RAM {ram}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        PrintLoad("load average at start");
    }

    public static void PrintLoad(string label) =>
        Console.WriteLine($"{label}: {ReadLines("/proc/loadavg").FirstOrDefault() ?? "?"}");

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
