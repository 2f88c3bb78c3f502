namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// Settings of the PostgreSQL store (<c>UsePostgres</c>): where the database is, which schema holds the tables, and
/// how the transactional outbox and the retention pruning run. Validated at start-up.
/// </summary>
public sealed class PostgresOptions
{
    /// <summary>The default schema.</summary>
    public const string DefaultSchema = "channel_manager";

    /// <summary>The Npgsql connection string (required). Secrets in it are never logged.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// The connection string migrations run with (optional; default: <see cref="ConnectionString"/>). Give it the role
    /// that owns the schema, and <see cref="ConnectionString"/> an ordinary role: the start-up migration then grants
    /// that role the data privileges it needs (select, insert, update, delete) and nothing else, so it can neither
    /// alter the tables nor switch their row-level security off (docs/postgresql.md).
    /// </summary>
    public string? MigrationsConnectionString { get; set; }

    /// <summary>
    /// The schema that holds ChannelManager's tables (default <c>channel_manager</c>): a lower-case identifier of
    /// letters, digits and underscores, at most 50 characters, not starting with a digit or <c>pg_</c>.
    /// </summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>
    /// Whether the host applies pending migrations when it starts, before any other hosted service (default
    /// <see langword="true"/>). Turn it off to run <see cref="PostgresMigrator"/>
    /// as a separate deployment step.
    /// </summary>
    public bool ApplyMigrationsOnStart { get; set; } = true;

    /// <summary>
    /// Whether the store may run as a role that bypasses row-level security — a superuser or a role with
    /// <c>BYPASSRLS</c> (default <see langword="false"/>: the store refuses to start as such a role, because the
    /// tenant policies would not apply to it). Connect as an ordinary role that owns the schema instead
    /// (docs/postgresql.md); turn this on only for a database that holds a single tenant.
    /// </summary>
    public bool AllowRowLevelSecurityBypass { get; set; }

    /// <summary>
    /// How often the outbox relay looks for unpublished events when no notification woke it (default 1 s). The relay
    /// is woken by <c>LISTEN</c>/<c>NOTIFY</c> on every commit, so delivery does not wait for this interval.
    /// </summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many outbox rows the relay claims and publishes per transaction (default 100).</summary>
    public int OutboxBatchSize { get; set; } = 100;

    /// <summary>How long published outbox rows are kept before they are purged (default 1 day).</summary>
    public TimeSpan OutboxRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long after publishing an outbox event must have been handled; otherwise the relay publishes it again (the
    /// bus lost it, e.g. Redis restarted without persistence). Consumers drop the duplicate if it was merely slow.
    /// </summary>
    public TimeSpan OutboxRedeliveryTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many times one event is published again for want of handling before the relay gives up and logs it.</summary>
    public int OutboxMaxRedeliveries { get; set; } = 5;

    /// <summary>
    /// How long handled event ids are remembered (default 14 days). A redelivery of an event older than this is
    /// handled again, so keep it longer than the bus can hold an event.
    /// </summary>
    public TimeSpan ProcessedEventRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long processed webhook-inbox entries are kept (default 30 days); within this window a webhook delivered
    /// again is recognised as a duplicate.
    /// </summary>
    public TimeSpan WebhookInboxRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long sync-log rows are kept (default 90 days); <see langword="null"/> keeps them forever.</summary>
    public TimeSpan? SyncLogRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often expired rows are pruned (default 1 hour). One process prunes at a time.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}
