using ChannelManager.Inventory;

namespace ChannelManager.Sync;

/// <summary>One row of a connection's sync log: one operation against the platform and how it ended.</summary>
public sealed record SyncLogEntry
{
    /// <summary>The row's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The connection.</summary>
    public required Guid ConnectionId { get; init; }

    /// <summary>The operation (<see cref="SyncOperations"/>).</summary>
    public required string Operation { get; init; }

    /// <summary>What caused it: an event type, <c>manual:full</c>, <c>webhook</c>, …</summary>
    public string? Trigger { get; init; }

    /// <summary>The nights the operation covered, if any.</summary>
    public DateRange? Range { get; init; }

    /// <summary>Which attempt this was (1 for the first).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>How it ended.</summary>
    public required SyncOutcome Outcome { get; init; }

    /// <summary>How long it took.</summary>
    public double DurationMs { get; init; }

    /// <summary>How many platform calls it made.</summary>
    public int PlatformCalls { get; init; }

    /// <summary>The error, if it failed (no secrets).</summary>
    public string? Error { get; init; }

    /// <summary>What the operation found, where it has more to say than its outcome (e.g. the nights a reconciliation found different on the platform).</summary>
    public string? Details { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }
}
