namespace ChannelManager.Sync;

/// <summary>How a sync operation ended.</summary>
public enum SyncOutcome
{
    /// <summary>It succeeded.</summary>
    Succeeded = 1,

    /// <summary>It failed; the work stays pending and will be retried (transient errors) or needs attention.</summary>
    Failed = 2,

    /// <summary>It was skipped (e.g. the platform's circuit is open or the connection is paused).</summary>
    Skipped = 3,
}
