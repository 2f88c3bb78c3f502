using Npgsql;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>What every PostgreSQL store shares: the data source, the schema its tables live in, and the clock.</summary>
internal sealed class PostgresStoreContext
{
    public PostgresStoreContext(NpgsqlDataSource dataSource, string schema, TimeProvider time)
    {
        DataSource = dataSource;
        Schema = schema;
        QuotedSchema = PostgresSchemaName.Quote(schema);
        NotifyChannel = schema + "_outbox";
        Time = time;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The schema name as configured.</summary>
    public string Schema { get; }

    /// <summary>The schema as a quoted identifier, ready to splice into SQL.</summary>
    public string QuotedSchema { get; }

    /// <summary>The channel the outbox notifies on commit (<c>{schema}_outbox</c>).</summary>
    public string NotifyChannel { get; }

    public TimeProvider Time { get; }

    /// <summary>A schema-qualified table name.</summary>
    public string Table(string name) => QuotedSchema + "." + name;
}
