using System.Diagnostics;

namespace ChannelManager.Testing;

/// <summary>Runs short commands (optionally as another user when this process is root) and checks their exit code.</summary>
internal static class ProcessRunner
{
    public static bool IsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";

    public static async Task<string> RunAsync(string file, IEnumerable<string> args, string? asUser = null, TimeSpan? timeout = null)
    {
        var psi = asUser is not null && IsRoot
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", asUser, "--", file } }
            : new ProcessStartInfo(file);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(cts.Token);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} exited with {p.ExitCode}: {await stderr}{await stdout}");
        }

        return await stdout;
    }

    public static string? FindExecutable(string name, params string[] extraDirectories)
    {
        foreach (var dir in extraDirectories.Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
