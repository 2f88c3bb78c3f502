using System.Diagnostics.CodeAnalysis;

namespace ChannelManager.Connections;

/// <summary>Wire names of <see cref="ConnectionStatus"/> (<c>active</c>, <c>paused</c>, <c>error</c>).</summary>
public static class ConnectionStatusNames
{
    /// <summary>Every status's wire name.</summary>
    public static IReadOnlyList<string> All { get; } = ["active", "paused", "error"];

    /// <summary>The lower-case wire name of a status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The wire name.</returns>
    public static string ToWireName(this ConnectionStatus status) => status switch
    {
        ConnectionStatus.Active => "active",
        ConnectionStatus.Paused => "paused",
        ConnectionStatus.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown status."),
    };

    /// <summary>Parses a wire name (case-insensitive).</summary>
    /// <param name="value">The text.</param>
    /// <param name="status">The status, when the text names one.</param>
    /// <returns>Whether the text names a status.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out ConnectionStatus status)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "active": status = ConnectionStatus.Active; return true;
            case "paused": status = ConnectionStatus.Paused; return true;
            case "error": status = ConnectionStatus.Error; return true;
            default: status = default; return false;
        }
    }
}
