using System.Text;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// Keys of the advisory locks the store takes, in the two-<c>int4</c> form: the first number names what is locked
/// (so locks of different kinds never collide), the second is a stable hash of the schema and the locked thing.
/// A hash collision within one kind only makes two unrelated operations wait for each other.
/// </summary>
internal static class PostgresAdvisoryLocks
{
    /// <summary>The whole migration run of a schema.</summary>
    public const int Migrations = 0x434D_5001;

    /// <summary>One booking of the ledger (taken first, at most one per transaction).</summary>
    public const int Booking = 0x434D_5002;

    /// <summary>One property's nights in the ledger (taken after the booking lock, in ascending key order).</summary>
    public const int Property = 0x434D_5003;

    /// <summary>Retention pruning (one process at a time).</summary>
    public const int Maintenance = 0x434D_5004;

    public const int ConnectionPush = 0x434D_5005;

    /// <summary>A stable 32-bit FNV-1a hash of the parts (UTF-8, separated by a zero byte).</summary>
    public static int Key(params string[] parts)
    {
        unchecked
        {
            var hash = 2166136261u;
            for (var p = 0; p < parts.Length; p++)
            {
                if (p > 0)
                {
                    hash = (hash ^ 0) * 16777619u;
                }

                foreach (var b in Encoding.UTF8.GetBytes(parts[p]))
                {
                    hash = (hash ^ b) * 16777619u;
                }
            }

            return (int)hash;
        }
    }
}
