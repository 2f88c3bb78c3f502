using System.Diagnostics;
using System.Threading.Channels;

namespace ChannelManager.Benchmarks.Workers;

/// <summary>
/// This benchmark app started again as a separate process (<c>dotnet ChannelManager.Benchmarks.dll &lt;command&gt; …</c>):
/// its output lines are echoed with a prefix and can be awaited; lines written to it arrive on its standard input;
/// closing that input (or disposing) asks it to stop, and a worker still running after 30 s is killed.
/// </summary>
internal sealed class ChildWorker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private ChildWorker(Process process, string name)
    {
        _process = process;
        Name = name;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
                return;
            }

            Console.WriteLine($"  [{name}] {e.Data}");
            _lines.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.WriteLine($"  [{name} stderr] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    /// <summary>The worker's CPU time so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            try
            {
                _process.Refresh();
                return _process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                return TimeSpan.Zero;
            }
        }
    }

    public static ChildWorker Start(string name, params string[] args)
    {
        // Always the dotnet host with this app's dll: the apphost or `dotnet run` may stand between (under `dotnet run`
        // the child got the benchmark switcher's arguments instead of its own).
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.Ordinal)
            ? path
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(ChildWorker).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new ChildWorker(Process.Start(start) ?? throw new InvalidOperationException("the worker did not start"), name);
    }

    /// <summary>Waits for an output line that starts with <paramref name="prefix"/>.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (await _lines.Reader.WaitToReadAsync(cancel.Token).ConfigureAwait(false))
        {
            while (_lines.Reader.TryRead(out var line))
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }

        throw new InvalidOperationException($"{Name} exited before printing '{prefix}'");
    }

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
