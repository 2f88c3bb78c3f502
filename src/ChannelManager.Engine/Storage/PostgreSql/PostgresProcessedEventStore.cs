using ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;
using ChannelManager.Events;
using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// Handled event ids in PostgreSQL, shared by every process, so a redelivery to any of them changes nothing twice.
/// Ids older than <see cref="PostgresOptions.ProcessedEventRetention"/> are pruned.
/// </summary>
internal sealed class PostgresProcessedEventStore : IProcessedEventStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly string _table;

    public PostgresProcessedEventStore(PostgresStoreContext context)
    {
        _dataSource = context.DataSource;
        _time = context.Time;
        _table = context.Table("processed_events");
    }

    public async Task<bool> IsProcessedAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(PostgresTenantScope.AllTenants, $"select exists (select 1 from {_table} where event_id = @event_id)");
        command.Parameters.AddValue("event_id", eventId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<bool> MarkProcessedAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            PostgresTenantScope.AllTenants,
            $"insert into {_table} (event_id, processed_at) values (@event_id, @processed_at) on conflict (event_id) do nothing");
        command.Parameters.AddValue("event_id", eventId).AddValue("processed_at", _time.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }
}
