using ChannelManager.Engine.Sync;
using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// <see cref="IConnectionPushLock"/> across worker processes: a session-level PostgreSQL advisory lock per connection,
/// held on its own database connection for the push. A worker that dies while holding it (SIGKILL) loses its session,
/// and with it the lock.
/// </summary>
internal sealed class PostgresConnectionPushLock : IConnectionPushLock
{
    private readonly PostgresStoreContext _context;

    public PostgresConnectionPushLock(PostgresStoreContext context) => _context = context;

    public async Task<IAsyncDisposable> AcquireAsync(string tenantId, Guid connectionId, CancellationToken cancellationToken)
    {
        var key = PostgresAdvisoryLocks.Key(_context.Schema, tenantId, connectionId.ToString("N"));
        var connection = await _context.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_lock(@class, @key)", connection);
            command.Parameters.AddWithValue("class", PostgresAdvisoryLocks.ConnectionPush);
            command.Parameters.AddWithValue("key", key);
            command.CommandTimeout = 0; // waits as long as the other worker's push takes (bounded by its total timeout)
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new Held(connection, key);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection, int key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("select pg_advisory_unlock(@class, @key)", connection);
                command.Parameters.AddWithValue("class", PostgresAdvisoryLocks.ConnectionPush);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The session is gone (PostgreSQL restarted): so is the lock. Pooled connections are reset on return.
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
