using Npgsql;
using NpgsqlTypes;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>Helpers to bind parameters the way PostgreSQL wants them.</summary>
internal static class PostgresParameters
{
    /// <summary>Adds a non-null value.</summary>
    public static NpgsqlParameterCollection AddValue<T>(this NpgsqlParameterCollection parameters, string name, T value)
        where T : notnull
    {
        parameters.Add(new NpgsqlParameter<T>(name, value));
        return parameters;
    }

    /// <summary>Adds a value that may be null, with its type (needed to type a null).</summary>
    public static NpgsqlParameterCollection AddNullable(this NpgsqlParameterCollection parameters, string name, object? value, NpgsqlDbType type)
    {
        parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return parameters;
    }

    /// <summary>A JSON text bound as <c>jsonb</c>.</summary>
    public static NpgsqlParameterCollection AddJsonb(this NpgsqlParameterCollection parameters, string name, string json)
    {
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json });
        return parameters;
    }

    /// <summary>
    /// A timestamp for a <c>timestamptz</c> column: PostgreSQL stores instants (UTC, microseconds), so the offset
    /// is dropped (Npgsql refuses non-zero offsets) and the value is stored to the microsecond.
    /// </summary>
    public static DateTimeOffset Utc(DateTimeOffset value) => value.ToUniversalTime();

    /// <summary>A nullable timestamp for a <c>timestamptz</c> column.</summary>
    public static object? Utc(DateTimeOffset? value) => value?.ToUniversalTime();

    /// <summary>Reads a nullable column.</summary>
    public static T? GetNullable<T>(this NpgsqlDataReader reader, int ordinal)
        where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    /// <summary>Reads a nullable text column.</summary>
    public static string? GetNullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Whether an exception is PostgreSQL refusing a duplicate key.</summary>
    public static bool IsUniqueViolation(this PostgresException ex) => ex.SqlState == PostgresErrorCodes.UniqueViolation;
}
