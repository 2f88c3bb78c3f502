using System.Security.Cryptography;
using System.Text;

namespace ChannelManager.SampleHost.Security;

/// <summary>
/// The sample host's API keys, held as SHA-256 hashes only: <c>SampleHost:ApiKeys:{tenant}</c> and
/// <c>SampleHost:OperatorApiKeys:{name}</c>, each a hex hash (several comma-separated, for rotation). A presented key
/// is hashed and compared with every stored hash in constant time.
/// </summary>
internal sealed class SampleApiKeys
{
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<string, string> _demoKeys = new(StringComparer.Ordinal);

    /// <summary>The keys generated for this run's demo tenants and operator (plain text, never persisted), by name.</summary>
    public IReadOnlyDictionary<string, string> DemoKeys => _demoKeys;

    /// <summary>Whether any key is configured or generated; without one, every secured route answers 401.</summary>
    public bool IsEmpty => _entries.Count == 0;

    /// <summary>Whether any tenant's key (not only an operator's) is configured or generated.</summary>
    public bool HasTenantKeys => _entries.Exists(e => !e.IsOperator);

    /// <summary>Reads the configured hashes; throws on a malformed one, so that a typo does not silently lock a tenant out.</summary>
    public static SampleApiKeys FromConfiguration(IConfiguration configuration)
    {
        var keys = new SampleApiKeys();
        keys.Read(configuration.GetSection("SampleHost:ApiKeys"), isOperator: false);
        keys.Read(configuration.GetSection("SampleHost:OperatorApiKeys"), isOperator: true);
        return keys;
    }

    /// <summary>The SHA-256 hash of <paramref name="key"/> as lower-case hex, the form configured.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Generates a random key for a tenant (or, with <paramref name="isOperator"/>, an operator) and stores its hash.</summary>
    public string Generate(string name, bool isOperator)
    {
        var key = "cm_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _entries.Add(new Entry(name, isOperator, SHA256.HashData(Encoding.UTF8.GetBytes(key))));
        _demoKeys[(isOperator ? "operator:" : "tenant:") + name] = key;
        return key;
    }

    /// <summary>The owner of <paramref name="key"/>, or <see langword="null"/>. Every stored hash is compared, in constant time each.</summary>
    public (string Name, bool IsOperator)? Find(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        Entry? match = null;
        foreach (var entry in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, entry.Hash) && match is null)
            {
                match = entry;
            }
        }

        return match is null ? null : (match.Name, match.IsOperator);
    }

    private void Read(IConfigurationSection section, bool isOperator)
    {
        foreach (var child in section.GetChildren())
        {
            foreach (var hex in (child.Value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                byte[] hash;
                try
                {
                    hash = Convert.FromHexString(hex);
                }
                catch (FormatException)
                {
                    hash = [];
                }

                if (hash.Length != SHA256.HashSizeInBytes)
                {
                    // The value itself is not echoed: it may be a key pasted by mistake instead of its hash.
                    throw new InvalidOperationException($"{section.Path}:{child.Key} must be the SHA-256 hash of the key as 64 hex digits.");
                }

                _entries.Add(new Entry(child.Key, isOperator, hash));
            }
        }
    }

    private sealed record Entry(string Name, bool IsOperator, byte[] Hash);
}
