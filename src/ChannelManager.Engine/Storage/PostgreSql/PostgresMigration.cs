using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>One versioned SQL migration, embedded in the assembly as <c>Migrations/V{version}__{name}.sql</c>.</summary>
internal sealed partial record PostgresMigration(int Version, string Name, string Script, string Checksum)
{
    private const string ResourcePrefix = "ChannelManager.Engine.Storage.PostgreSql.Migrations.";
    private const string SchemaPlaceholder = "${schema}";

    private static readonly Lazy<IReadOnlyList<PostgresMigration>> Embedded = new(LoadEmbedded);

    /// <summary>Every embedded migration, in version order.</summary>
    public static IReadOnlyList<PostgresMigration> All => Embedded.Value;

    /// <summary>The script with the schema filled in.</summary>
    public string ScriptFor(string quotedSchema) => Script.Replace(SchemaPlaceholder, quotedSchema, StringComparison.Ordinal);

    /// <summary>SHA-256 (hex) of a script's text with line endings normalised, so a checkout's line endings do not matter.</summary>
    public static string ChecksumOf(string script) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(script))));

    private static string Normalize(string script) => script.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static List<PostgresMigration> LoadEmbedded()
    {
        var assembly = typeof(PostgresMigration).Assembly;
        var migrations = new List<PostgresMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[ResourcePrefix.Length..];
            var match = FileName().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException($"The embedded migration '{fileName}' is not named V<version>__<name>.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var script = Normalize(reader.ReadToEnd());
            migrations.Add(new PostgresMigration(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, script, ChecksumOf(script)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two embedded migrations have version {migrations[i].Version}.");
            }
        }

        return migrations;
    }

    [GeneratedRegex(@"^V(\d{1,9})__([A-Za-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();
}
