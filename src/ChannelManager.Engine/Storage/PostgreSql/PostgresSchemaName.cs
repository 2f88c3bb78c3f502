using System.Text.RegularExpressions;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>Checks and quotes the configured schema name, which is spliced into SQL text.</summary>
internal static partial class PostgresSchemaName
{
    /// <summary>The longest schema name accepted (the outbox's notification channel adds a suffix within PostgreSQL's 63).</summary>
    public const int MaxLength = 50;

    public static bool IsValid(string? schema) =>
        schema is not null && schema.Length <= MaxLength && Identifier().IsMatch(schema) && !schema.StartsWith("pg_", StringComparison.Ordinal);

    /// <summary>The schema as a quoted identifier, after checking it.</summary>
    public static string Quote(string schema) =>
        IsValid(schema) ? "\"" + schema + "\"" : throw new ArgumentException($"'{schema}' is not a valid schema name.", nameof(schema));

    [GeneratedRegex("^[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
