using ChannelManager.Engine.Storage.PostgreSql;
using Npgsql;

namespace ChannelManager.Storage.Tests;

/// <summary>
/// A test class's own migrated database (a class fixture): tests of one class run one after another in it. The stores
/// connect as the application role (row-level security applies); the raw helpers (<see cref="ScalarAsync{T}"/>,
/// <see cref="ExecuteAsync"/>, <see cref="TruncateAsync"/>) as the superuser, an administrator's view of the tables.
/// </summary>
public sealed class PostgresDatabase(PostgresFixture postgres) : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>The same database as the superuser.</summary>
    public NpgsqlDataSource AdminDataSource { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await postgres.CreateMigratedDatabaseAsync("c");
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        AdminDataSource = NpgsqlDataSource.Create(postgres.Server.SuperuserConnectionString(ConnectionString));
    }

    public async ValueTask DisposeAsync()
    {
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        if (AdminDataSource is not null)
        {
            await AdminDataSource.DisposeAsync();
        }
    }

    internal PostgresStoreContext Context(TimeProvider? time = null) =>
        new(DataSource, PostgresOptions.DefaultSchema, time ?? TimeProvider.System);

    /// <summary>Empties tables, so that a test sees only its own rows even in stores that are not tenant-scoped.</summary>
    public async Task TruncateAsync(params string[] tables)
    {
        await using var command = AdminDataSource.CreateCommand("truncate " + string.Join(", ", tables.Select(t => "channel_manager." + t)));
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = AdminDataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = AdminDataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }
}
