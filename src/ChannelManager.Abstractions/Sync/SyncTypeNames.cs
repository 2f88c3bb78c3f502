using System.Diagnostics.CodeAnalysis;

namespace ChannelManager.Sync;

/// <summary>Wire names of <see cref="SyncType"/>: <c>full</c>, <c>availability</c>, <c>pricing</c>, <c>bookings</c>.</summary>
public static class SyncTypeNames
{
    /// <summary>All wire names.</summary>
    public static IReadOnlyList<string> All { get; } = ["full", "availability", "pricing", "bookings"];

    /// <summary>The wire name of a sync type.</summary>
    /// <param name="type">The sync type.</param>
    /// <returns>The wire name.</returns>
    public static string ToWireName(this SyncType type) => type switch
    {
        SyncType.Full => "full",
        SyncType.Availability => "availability",
        SyncType.Pricing => "pricing",
        SyncType.Bookings => "bookings",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown sync type."),
    };

    /// <summary>Parses a wire name (case-insensitive).</summary>
    /// <param name="value">The text.</param>
    /// <param name="type">The sync type, when the text names one.</param>
    /// <returns>Whether the text names a sync type.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out SyncType type)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "full": type = SyncType.Full; return true;
            case "availability": type = SyncType.Availability; return true;
            case "pricing": type = SyncType.Pricing; return true;
            case "bookings": type = SyncType.Bookings; return true;
            default: type = default; return false;
        }
    }
}
