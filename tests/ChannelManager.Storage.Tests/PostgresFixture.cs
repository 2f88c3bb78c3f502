using System.Globalization;
using ChannelManager.Engine.Storage.PostgreSql;
using ChannelManager.Testing;

[assembly: AssemblyFixture(typeof(ChannelManager.Storage.Tests.PostgresFixture))]

namespace ChannelManager.Storage.Tests;

/// <summary>One throwaway PostgreSQL server for the whole test assembly; each test class gets its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private int _databases;

    public PostgresTestServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await PostgresTestServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    /// <summary>Creates an empty database owned by the application role and returns its connection string as that role.</summary>
    public Task<string> CreateDatabaseAsync(string prefix = "t") =>
        Server.CreateDatabaseAsync(string.Create(CultureInfo.InvariantCulture, $"{prefix}_{Interlocked.Increment(ref _databases)}"));

    /// <summary>Creates a database with the schema migrated.</summary>
    public async Task<string> CreateMigratedDatabaseAsync(string prefix = "t")
    {
        var connectionString = await CreateDatabaseAsync(prefix);
        await PostgresMigrator.MigrateAsync(connectionString);
        return connectionString;
    }
}
