using System.Diagnostics;

namespace ChannelManager.Chaos.Hosting;

/// <summary>
/// One sample-host worker process (API + sync workers) on its own loopback port, started from the sample host's
/// build output with the run's environment; killed with SIGKILL and started again (a new process id, so a new
/// consumer name in the group) on the same port. Its output is appended to its log file.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logFile;
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Lock _logLock = new();
    private Process? _process;
    private volatile bool _ready;

    public WorkerProcess(int index, int port, string dll, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        Index = index;
        Port = port;
        _dll = dll;
        _environment = environment;
        _logFile = Path.Combine(logDirectory, $"worker-{index}.log");
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Index { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>Started, answering, and not killed since.</summary>
    public bool IsLive => _ready && _process is { HasExited: false };

    /// <summary>How many times this worker was started.</summary>
    public int Starts { get; private set; }

    /// <summary>The current process id (0 when none).</summary>
    public int ProcessId => _process is { HasExited: false } p ? p.Id : 0;

    /// <summary>Starts the process and waits until it answers; a start that fails (PostgreSQL restarting) is retried.</summary>
    /// <param name="timeout">How long to keep trying.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the worker answers.</returns>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            StartProcess();
            while (DateTime.UtcNow < deadline && _process is { HasExited: false })
            {
                try
                {
                    using var answer = await _probe.GetAsync(new Uri(BaseAddress, "webhooks/health"), cancellationToken);
                    if (answer.IsSuccessStatusCode)
                    {
                        _ready = true;
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }

                await Task.Delay(250, cancellationToken);
            }

            if (DateTime.UtcNow >= deadline)
            {
                Kill();
                throw new TimeoutException($"worker {Index} did not answer within {timeout.TotalSeconds:0} s (see {_logFile})");
            }

            Log($"[chaos] worker {Index} exited during start with code {_process?.ExitCode}; starting again");
            await Task.Delay(1000, cancellationToken);
        }
    }

    /// <summary>SIGKILL: no shutdown, no drain; what the process held is left pending.</summary>
    public void Kill()
    {
        _ready = false;
        if (_process is { HasExited: false } p)
        {
            Log($"[chaos] SIGKILL worker {Index} (pid {p.Id})");
            p.Kill(entireProcessTree: false);
            p.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        _probe.Dispose();
        return ValueTask.CompletedTask;
    }

    private void StartProcess()
    {
        _process?.Dispose();
        var psi = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { _dll },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
        };
        foreach (var (key, value) in _environment)
        {
            psi.Environment[key] = value;
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start a worker");
        Starts++;
        Log($"[chaos] worker {Index} started (pid {_process.Id}, start #{Starts})");
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            File.AppendAllText(_logFile, line + Environment.NewLine);
        }
    }
}
