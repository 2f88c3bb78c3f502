namespace ChannelManager.AspNetCore.Contracts;

/// <summary>A connection as the API shows it: never any token, only whether one is present.</summary>
internal sealed record ConnectionResponse(
    Guid Id,
    Guid PropertyId,
    string PlatformType,
    string PlatformListingId,
    string Status,
    IReadOnlyDictionary<string, string> PlatformMetadata,
    bool HasAccessToken,
    bool HasRefreshToken,
    DateTimeOffset? TokenExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastSyncAt,
    string? LastError);

/// <summary>A page of connections.</summary>
internal sealed record ConnectionListResponse(IReadOnlyList<ConnectionResponse> Items, int Total, int Limit, int Offset, string? NextCursor);

/// <summary>The result of <c>/test</c>.</summary>
internal sealed record ConnectionTestResponse(Guid ConnectionId, bool Healthy, string Message, double LatencyMs, DateTimeOffset TestedAt);

/// <summary>The result of <c>/sync</c>: what was queued.</summary>
internal sealed record SyncResponse(Guid ConnectionId, string SyncType, Guid JobId, string Status, DateOnly? RangeStart, DateOnly? RangeEnd);

/// <summary>One sync-log row.</summary>
internal sealed record SyncLogResponse(
    Guid Id,
    Guid ConnectionId,
    string Operation,
    string? Trigger,
    DateOnly? RangeStart,
    DateOnly? RangeEnd,
    int Attempt,
    string Outcome,
    double DurationMs,
    int PlatformCalls,
    string? Error,
    string? Details,
    DateTimeOffset StartedAt);

/// <summary>A page of sync-log rows.</summary>
internal sealed record SyncLogListResponse(IReadOnlyList<SyncLogResponse> Items, int Total, int Limit, int Offset, string? NextCursor);

/// <summary>The answer to an accepted or duplicate webhook.</summary>
internal sealed record WebhookAcceptedResponse(string Status, Guid? InboxEntryId);

/// <summary>
/// One platform's webhook readiness: <c>status</c> is <c>ready</c>, <c>not_configured</c> (enabled without its
/// verification secret: the route answers 404) or <c>not_enabled</c>; the last-seen times are this process's memory.
/// </summary>
internal sealed record WebhookPlatformHealth(
    string Platform,
    string Route,
    bool Enabled,
    bool SecretConfigured,
    string Status,
    int Backlog,
    DateTimeOffset? LastAcceptedAt,
    DateTimeOffset? LastRejectedAt,
    string? LastRejectionReason);

/// <summary>The answer of <c>GET /webhooks/health</c>.</summary>
internal sealed record WebhookHealthResponse(string Status, IReadOnlyList<WebhookPlatformHealth> Platforms);

/// <summary>One dead-lettered event.</summary>
internal sealed record DeadLetterResponse(string Id, Guid EventId, string Type, Guid PropertyId, int Deliveries, string Reason, DateTimeOffset DeadLetteredAt, DateTimeOffset OccurredAt);

/// <summary>The dead letters, oldest first.</summary>
internal sealed record DeadLetterListResponse(IReadOnlyList<DeadLetterResponse> Items);

/// <summary>The answer to a replay.</summary>
internal sealed record DeadLetterReplayResponse(string Id, string Status);

/// <summary>The answer of the health route: the overall status and each check's, nothing more.</summary>
internal sealed record HealthResponse(string Status, IReadOnlyDictionary<string, string> Checks);
