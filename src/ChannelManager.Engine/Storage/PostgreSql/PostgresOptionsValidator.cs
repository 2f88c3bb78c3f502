using Microsoft.Extensions.Options;
using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>Validates <see cref="PostgresOptions"/> at start-up.</summary>
internal sealed class PostgresOptionsValidator : IValidateOptions<PostgresOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("ChannelManager:Postgres:ConnectionString is required.");
        }
        else
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException ex)
            {
                // The message names the bad keyword, never the value.
                failures.Add("ChannelManager:Postgres:ConnectionString is not a valid Npgsql connection string: " + ex.Message);
            }
        }

        if (options.MigrationsConnectionString is { } migrations)
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(migrations);
            }
            catch (ArgumentException ex)
            {
                failures.Add("ChannelManager:Postgres:MigrationsConnectionString is not a valid Npgsql connection string: " + ex.Message);
            }
        }

        if (!PostgresSchemaName.IsValid(options.Schema))
        {
            failures.Add($"ChannelManager:Postgres:Schema '{options.Schema}' is not a valid schema name: use 1–{PostgresSchemaName.MaxLength} lower-case letters, digits and underscores, not starting with a digit or 'pg_'.");
        }

        Positive(options.OutboxPollInterval, nameof(options.OutboxPollInterval), failures);
        Positive(options.OutboxRetention, nameof(options.OutboxRetention), failures);
        Positive(options.OutboxRedeliveryTimeout, nameof(options.OutboxRedeliveryTimeout), failures);
        if (options.OutboxMaxRedeliveries < 0)
        {
            failures.Add("ChannelManager:Postgres:OutboxMaxRedeliveries must not be negative.");
        }

        if (options.OutboxRedeliveryTimeout * (options.OutboxMaxRedeliveries + 1) >= options.OutboxRetention)
        {
            failures.Add("ChannelManager:Postgres:OutboxRetention must be longer than OutboxRedeliveryTimeout × (OutboxMaxRedeliveries + 1), or unhandled events are purged before their last redelivery.");
        }
        Positive(options.ProcessedEventRetention, nameof(options.ProcessedEventRetention), failures);
        Positive(options.WebhookInboxRetention, nameof(options.WebhookInboxRetention), failures);
        Positive(options.PruneInterval, nameof(options.PruneInterval), failures);
        if (options.SyncLogRetention is { } syncLogRetention)
        {
            Positive(syncLogRetention, nameof(options.SyncLogRetention), failures);
        }

        if (options.OutboxBatchSize is < 1 or > 10_000)
        {
            failures.Add("ChannelManager:Postgres:OutboxBatchSize must be between 1 and 10000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(TimeSpan value, string name, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"ChannelManager:Postgres:{name} must be positive.");
        }
    }
}
