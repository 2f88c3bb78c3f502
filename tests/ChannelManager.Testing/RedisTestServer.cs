using System.Diagnostics;

namespace ChannelManager.Testing;

/// <summary>
/// A throwaway <c>redis-server</c> on a free loopback port, without persistence, in a temporary directory.
/// It can be killed and started again on the same port (losing its data, as a real restart without persistence
/// does) to test recovery.
/// </summary>
public sealed class RedisTestServer : IAsyncDisposable
{
    private readonly string _executable;
    private readonly string _directory;
    private Process? _process;

    private RedisTestServer(string executable, int port, string directory)
    {
        _executable = executable;
        Port = port;
        _directory = directory;
    }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for the server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=5000";

    /// <summary>Whether the server process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server (redis-server must be installed: scripts/install-test-deps.sh).</summary>
    public static async Task<RedisTestServer> StartAsync()
    {
        var exe = ProcessRunner.FindExecutable("redis-server", "/usr/bin", "/usr/local/bin")
            ?? throw new InvalidOperationException("redis-server is not installed; run scripts/install-test-deps.sh.");
        var dir = Directory.CreateTempSubdirectory("cm-redis-").FullName;
        var server = new RedisTestServer(exe, FreePort.Next(), dir);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server again on the same port after <see cref="KillAsync"/>.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var psi = new ProcessStartInfo(_executable)
        {
            ArgumentList = { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", string.Empty, "--appendonly", "no", "--daemonize", "no", "--dir", _directory, "--protected-mode", "yes" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start redis-server.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(15));
    }

    /// <summary>Kills the server at once (SIGKILL): clients see the connection drop; the data is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    /// <summary>Stops the server and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
