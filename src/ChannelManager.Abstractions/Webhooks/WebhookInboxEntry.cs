using ChannelManager.Connections;

namespace ChannelManager.Webhooks;

/// <summary>A verified, deduplicated webhook waiting to be processed (or processed).</summary>
public sealed record WebhookInboxEntry
{
    /// <summary>The entry's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The platform.</summary>
    public required Platform Platform { get; init; }

    /// <summary>The deduplication key: the platform's delivery id, or <c>sha256:{hash of body}</c>.</summary>
    public required string DedupeKey { get; init; }

    /// <summary>The notification.</summary>
    public required WebhookNotification Notification { get; init; }

    /// <summary>When it arrived.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>How many times processing was attempted.</summary>
    public int Attempts { get; init; }

    /// <summary>When processing finished; <see langword="null"/> while pending.</summary>
    public DateTimeOffset? ProcessedAt { get; init; }

    /// <summary>When the next attempt is due.</summary>
    public DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>The last processing error.</summary>
    public string? LastError { get; init; }

    /// <summary>
    /// The tenant the entry turned out to belong to: a webhook names only a platform listing, so the tenant is known
    /// (from the listing's connection) once the entry is processed; <see langword="null"/> until then, and for
    /// entries no connection took (dropped, or for listings never connected).
    /// </summary>
    public string? TenantId { get; init; }

    /// <summary>
    /// The unmapped reservation (<see cref="Unmapped.UnmappedReservation.Id"/>) the entry is parked for: its listing had
    /// no connection, so it waits (with a long recheck) until one is created.
    /// </summary>
    public Guid? ParkedFor { get; init; }
}
