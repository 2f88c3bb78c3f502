using System.Text;
using ChannelManager.Common;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Storage.PostgreSql.RowLevelSecurity;
using ChannelManager.Events;
using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql.Outbox;

/// <summary>
/// The transactional outbox: stores PMS events in the PMS's own database transaction, so an event is published if
/// and only if the change that caused it commits. The <c>OutboxRelay</c> (registered by <c>UsePostgres</c>) then
/// moves committed events onto the <see cref="IEventBus"/> — at least once: consumers deduplicate by event id.
/// </summary>
/// <example>
/// <code>
/// await using var tx = await connection.BeginTransactionAsync();
/// // … the PMS's own writes on the same connection and transaction …
/// await outbox.EnqueueAsync(tx, envelope);
/// await tx.CommitAsync(); // the relay is notified on commit and publishes at once
/// </code>
/// </example>
public sealed class PostgresEventOutbox : IDurableEventQueue
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly OutboxSignal _signal;
    private readonly string _table;
    private readonly string _channel;

    internal PostgresEventOutbox(PostgresStoreContext context, OutboxSignal signal)
    {
        _dataSource = context.DataSource;
        _signal = signal;
        _table = context.Table("outbox");
        _channel = context.NotifyChannel;
    }

    /// <summary>
    /// Validates an event and stores it in the caller's transaction (on the ChannelManager database). Nothing is
    /// published unless the transaction commits; on commit the relays are notified (<c>pg_notify</c> in the same
    /// transaction). Enqueueing an event id that is already in the outbox stores nothing new.
    /// </summary>
    /// <param name="transaction">The open transaction to write in.</param>
    /// <param name="envelope">The event.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the event is written (not yet committed).</returns>
    /// <exception cref="ChannelManagerValidationException">When the event is invalid; nothing is written.</exception>
    public async Task EnqueueAsync(NpgsqlTransaction transaction, EventEnvelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(envelope);
        EventService.Validate(envelope).ThrowIfAny();
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has already completed.");

        await using var batch = connection.CreateScopedBatch(PostgresTenantScope.OfRows([envelope.TenantId]), transaction);
        var insert = new NpgsqlBatchCommand(
            $"""
            insert into {_table} (id, tenant_id, event_type, payload, created_at)
            values (@id, @tenant_id, @event_type, @payload, now())
            on conflict (id) do nothing
            """);
        insert.Parameters
            .AddValue("id", envelope.EventId)
            .AddValue("tenant_id", envelope.TenantId)
            .AddValue("event_type", envelope.Type)
            .AddJsonb("payload", Encoding.UTF8.GetString(EventEnvelopeSerializer.Serialize(envelope)));
        var notify = new NpgsqlBatchCommand("select pg_notify(@channel, '')");
        notify.Parameters.AddValue("channel", _channel);
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(notify);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates an event and stores it in a transaction of its own; the relay publishes it right after.</summary>
    /// <param name="envelope">The event.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the event is committed to the outbox.</returns>
    /// <exception cref="ChannelManagerValidationException">When the event is invalid; nothing is written.</exception>
    public async Task EnqueueAsync(EventEnvelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        EventService.Validate(envelope).ThrowIfAny();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await EnqueueAsync(transaction, envelope, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _signal.Notify();
    }
}
