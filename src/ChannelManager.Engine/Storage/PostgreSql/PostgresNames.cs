using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Sync;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>How enums are written to text columns (their lower-case wire names) and read back.</summary>
internal static class PostgresNames
{
    public static string ToText(Platform platform) => platform.ToWireName();

    public static Platform ParsePlatform(string value) =>
        PlatformNames.TryParse(value, out var p) ? p : throw new InvalidOperationException($"Unknown platform '{value}' in the database.");

    public static string ToText(ConnectionStatus status) => status.ToWireName();

    public static ConnectionStatus ParseStatus(string value) =>
        ConnectionStatusNames.TryParse(value, out var s) ? s : throw new InvalidOperationException($"Unknown connection status '{value}' in the database.");

    public static string ToText(SyncOutcome outcome) => outcome switch
    {
        SyncOutcome.Succeeded => "succeeded",
        SyncOutcome.Failed => "failed",
        SyncOutcome.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
    };

    public static SyncOutcome ParseOutcome(string value) => value switch
    {
        "succeeded" => SyncOutcome.Succeeded,
        "failed" => SyncOutcome.Failed,
        "skipped" => SyncOutcome.Skipped,
        _ => throw new InvalidOperationException($"Unknown sync outcome '{value}' in the database."),
    };

    public static string ToText(BookingStatus status) => status switch
    {
        BookingStatus.Confirmed => "confirmed",
        BookingStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown booking status."),
    };

    public static BookingStatus ParseBookingStatus(string value) => value switch
    {
        "confirmed" => BookingStatus.Confirmed,
        "cancelled" => BookingStatus.Cancelled,
        _ => throw new InvalidOperationException($"Unknown booking status '{value}' in the database."),
    };
}
