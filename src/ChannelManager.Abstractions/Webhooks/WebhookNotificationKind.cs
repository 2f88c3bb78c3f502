namespace ChannelManager.Webhooks;

/// <summary>What a webhook tells.</summary>
public enum WebhookNotificationKind
{
    /// <summary>A new reservation.</summary>
    ReservationCreated = 1,

    /// <summary>A reservation was altered.</summary>
    ReservationModified = 2,

    /// <summary>A reservation was cancelled.</summary>
    ReservationCancelled = 3,

    /// <summary>A test ping from the platform.</summary>
    Test = 4,

    /// <summary>Something ChannelManager acknowledges but does not act on.</summary>
    Other = 5,
}
