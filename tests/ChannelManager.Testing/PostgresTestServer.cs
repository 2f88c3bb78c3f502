using System.Globalization;
using Npgsql;

namespace ChannelManager.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster (<c>initdb</c> + <c>pg_ctl</c>) on a free loopback port in a temporary directory,
/// run as the <c>postgres</c> user when this process is root (initdb refuses root). Trust authentication on
/// loopback; fsync off for speed. It can be stopped and started again with its data (a restart) to test recovery.
/// Databases made by <see cref="CreateDatabaseAsync"/> belong to <see cref="ApplicationRole"/>, an ordinary role (not a
/// superuser, no BYPASSRLS) as a production deployment would use, so row-level security binds the code under test;
/// the superuser connection (<see cref="SuperuserConnectionString"/>) is the administrator's view for raw checks.
/// </summary>
public sealed class PostgresTestServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;
    private readonly string? _runAs;

    private PostgresTestServer(string bin, string directory, int port, string? runAs)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
        _runAs = runAs;
    }

    /// <summary>The ordinary role the application connects as (owner of the databases <see cref="CreateDatabaseAsync"/> makes).</summary>
    public const string ApplicationRole = "channel_manager_app";

    /// <summary>The port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The cluster's superuser.</summary>
    public string Superuser => _runAs ?? Environment.UserName;

    /// <summary>Whether the server is running.</summary>
    public bool IsRunning { get; private set; }

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>An Npgsql connection string to a database as the superuser.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username={Superuser};Database={database};Pooling=true;Timeout=5;Command Timeout=30";

    /// <summary>An Npgsql connection string to a database as <see cref="ApplicationRole"/>.</summary>
    public string ApplicationConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={ApplicationRole};Database={database};Pooling=true;Timeout=5;Command Timeout=30";

    /// <summary>The same database as <paramref name="connectionString"/>, as the superuser (reads past row-level security).</summary>
    public string SuperuserConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = Superuser }.ConnectionString;

    /// <summary>Creates an empty database owned by <see cref="ApplicationRole"/>; returns its connection string as that role.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{Guid.NewGuid():N}").ToLowerInvariant();

        // Not pooled: a pooled connection may be a dead one from before a server restart in another test.
        await using var admin = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"create database \"{name}\" owner {ApplicationRole}", admin);
        await create.ExecuteNonQueryAsync();
        return ApplicationConnectionString(name);
    }

    /// <summary>Creates and starts a cluster (the PostgreSQL server must be installed: scripts/install-test-deps.sh).</summary>
    public static async Task<PostgresTestServer> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        bin ??= Path.GetDirectoryName(ProcessRunner.FindExecutable("initdb") ?? throw new InvalidOperationException("PostgreSQL is not installed; run scripts/install-test-deps.sh."))!;
        var runAs = ProcessRunner.IsRoot ? "postgres" : null;
        var dir = Path.Combine(Path.GetTempPath(), "cm-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        if (runAs is not null)
        {
            await ProcessRunner.RunAsync("chown", [runAs, dir]);
        }

        var server = new PostgresTestServer(bin, dir, FreePort.Next(), runAs);
        await ProcessRunner.RunAsync(Path.Combine(bin, "initdb"), ["-D", server.DataDirectory, "-A", "trust", "-U", server.Superuser, "-E", "UTF8", "--no-locale", "--no-sync"], runAs);
        await server.StartAgainAsync();
        await using (var admin = new NpgsqlConnection(server.ConnectionString() + ";Pooling=false"))
        {
            await admin.OpenAsync();
            await using var role = new NpgsqlCommand($"create role {ApplicationRole} login nosuperuser nobypassrls", admin);
            await role.ExecuteNonQueryAsync();
        }

        return server;
    }

    /// <summary>Starts the server (again) with its data.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var options = string.Create(CultureInfo.InvariantCulture, $"-c listen_addresses=127.0.0.1 -p {Port} -k {_directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
        await ProcessRunner.RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-o", options, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "30", "start"], _runAs);
        IsRunning = true;
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(15));
    }

    /// <summary>Stops the server (fast shutdown: open connections are cut), keeping its data.</summary>
    public async Task StopAsync()
    {
        if (!IsRunning)
        {
            return;
        }

        await ProcessRunner.RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], _runAs);
        IsRunning = false;
    }

    /// <summary>Stops the server and deletes the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
