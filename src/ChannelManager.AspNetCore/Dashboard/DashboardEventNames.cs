namespace ChannelManager.AspNetCore.Dashboard;

/// <summary>The SSE event names of the live-status stream.</summary>
internal static class DashboardEventNames
{
    /// <summary>The stream is open (data: tenant and time).</summary>
    public const string Ready = "ready";

    /// <summary>A sync-log row was written (data: the row as <c>/sync-logs</c> shows it).</summary>
    public const string SyncLog = "sync_log";

    /// <summary>A connection was created or changed (data: the connection as the API shows it, never a token).</summary>
    public const string Connection = "connection";

    /// <summary>A connection was deleted (data: its id).</summary>
    public const string ConnectionDeleted = "connection_deleted";

    /// <summary>An overbooking conflict was recorded (data: the conflict as <c>/conflicts</c> shows it).</summary>
    public const string Conflict = "conflict";

    /// <summary>An event was dead-lettered (data: the dead letter as <c>/dead-letters</c> shows it).</summary>
    public const string DeadLetter = "dead_letter";

    /// <summary>A dead letter was replayed (data: its id).</summary>
    public const string DeadLetterReplayed = "dead_letter_replayed";

    /// <summary>Events were dropped for a slow reader: reload the lists (data: empty object).</summary>
    public const string Resync = "resync";
}
