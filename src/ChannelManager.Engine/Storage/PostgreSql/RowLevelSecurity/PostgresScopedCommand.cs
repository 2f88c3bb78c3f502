using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;

/// <summary>
/// One statement run under a <see cref="PostgresTenantScope"/>: a batch of the scope's <c>set_config</c> and the
/// statement, sent in one round trip and run in one implicit transaction (so the scope applies to the statement and
/// to nothing after it). Used like an <see cref="NpgsqlCommand"/>; the scope's own result is skipped.
/// </summary>
internal sealed class PostgresScopedCommand : IAsyncDisposable
{
    private readonly NpgsqlBatch _batch;
    private readonly NpgsqlBatchCommand _command;

    public PostgresScopedCommand(NpgsqlBatch batch, PostgresTenantScope scope, string sql)
    {
        _batch = batch;
        _command = new NpgsqlBatchCommand(sql);
        _batch.BatchCommands.Add(scope.ToCommand());
        _batch.BatchCommands.Add(_command);
    }

    /// <summary>The statement's parameters.</summary>
    public NpgsqlParameterCollection Parameters => _command.Parameters;

    /// <summary>Runs the statement; returns the rows it inserted, updated or deleted.</summary>
    public async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        await _batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return _command.RecordsAffected;
    }

    /// <summary>Runs the statement; the reader is positioned on its result set.</summary>
    public Task<NpgsqlDataReader> ExecuteReaderAsync(CancellationToken cancellationToken) => _batch.ExecuteScopedReaderAsync(cancellationToken);

    /// <summary>Runs the statement; returns the first column of its first row (<see langword="null"/> when none or SQL null).</summary>
    public async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        await using var reader = await ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetValue(0) : null;
    }

    public ValueTask DisposeAsync() => _batch.DisposeAsync();
}
