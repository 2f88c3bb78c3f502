using ChannelManager.Engine.Storage.PostgreSql;
using Npgsql;

namespace ChannelManager.Storage.Tests;

/// <summary>A test class's own migrated database (a class fixture): tests of one class run one after another in it.</summary>
public sealed class PostgresDatabase(PostgresFixture postgres) : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateMigratedDatabaseAsync("c");
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }
    }

    internal PostgresStoreContext Context(TimeProvider? time = null) =>
        new(DataSource, PostgresOptions.DefaultSchema, time ?? TimeProvider.System);

    /// <summary>Empties tables, so that a test sees only its own rows even in stores that are not tenant-scoped.</summary>
    public async Task TruncateAsync(params string[] tables)
    {
        await using var command = DataSource.CreateCommand("truncate " + string.Join(", ", tables.Select(t => "channel_manager." + t)));
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }
}
