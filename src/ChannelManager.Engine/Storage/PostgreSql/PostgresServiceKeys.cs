namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>Keys of the keyed services <c>UsePostgres</c> registers.</summary>
public static class PostgresServiceKeys
{
    /// <summary>
    /// The key of ChannelManager's <see cref="Npgsql.NpgsqlDataSource"/> singleton. It is keyed so that it neither
    /// replaces nor is replaced by a data source the host registers for its own database; resolve it with
    /// <c>[FromKeyedServices(PostgresServiceKeys.DataSource)]</c> or <c>GetRequiredKeyedService</c>.
    /// </summary>
    public const string DataSource = "ChannelManager.Postgres";
}
