using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;

/// <summary>How the stores run statements under a <see cref="PostgresTenantScope"/>.</summary>
internal static class PostgresTenantScopeExtensions
{
    /// <summary>A statement on a pooled connection, run in its own transaction under <paramref name="scope"/>.</summary>
    public static PostgresScopedCommand CreateCommand(this NpgsqlDataSource dataSource, PostgresTenantScope scope, string sql) =>
        new(dataSource.CreateBatch(), scope, sql);

    /// <summary>A statement on an open connection (in <paramref name="transaction"/> when given, else in its own) under <paramref name="scope"/>.</summary>
    public static PostgresScopedCommand CreateCommand(this NpgsqlConnection connection, PostgresTenantScope scope, string sql, NpgsqlTransaction? transaction = null) =>
        new(new NpgsqlBatch(connection, transaction), scope, sql);

    /// <summary>
    /// A batch whose first command sets <paramref name="scope"/> for the batch's (implicit or given) transaction; add
    /// the statements after it and read with <see cref="ExecuteScopedReaderAsync"/>.
    /// </summary>
    public static NpgsqlBatch CreateScopedBatch(this NpgsqlConnection connection, PostgresTenantScope scope, NpgsqlTransaction? transaction = null)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(scope.ToCommand());
        return batch;
    }

    /// <summary>Runs a batch made by <see cref="CreateScopedBatch"/>; the reader is positioned on the first statement's result.</summary>
    public static async Task<NpgsqlDataReader> ExecuteScopedReaderAsync(this NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            return reader;
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sets <paramref name="scope"/> for the rest of an explicit transaction (one round trip).</summary>
    public static async Task SetScopeAsync(this NpgsqlTransaction transaction, PostgresTenantScope scope, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        batch.BatchCommands.Add(scope.ToCommand());
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
