namespace ChannelManager.Unmapped;

/// <summary>Where an <see cref="UnmappedReservation"/> stands.</summary>
public enum UnmappedReservationState
{
    /// <summary>Its listing has no connection yet; the booking waits (parked in the inbox, or in the platform's queue).</summary>
    Open,

    /// <summary>A connection for its listing appeared and the booking was stored.</summary>
    Imported,

    /// <summary>An operator dismissed it; it is no longer raised or retried.</summary>
    Dismissed,
}
