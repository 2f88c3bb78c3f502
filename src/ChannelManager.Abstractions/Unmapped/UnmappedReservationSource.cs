namespace ChannelManager.Unmapped;

/// <summary>How an unmapped reservation reached ChannelManager.</summary>
public enum UnmappedReservationSource
{
    /// <summary>A webhook delivery, parked in the webhook inbox until the listing is connected.</summary>
    Webhook,

    /// <summary>A reservation pull through another connection (a queue shared by sibling listings); it stays unacknowledged in the platform's queue.</summary>
    Pull,
}
