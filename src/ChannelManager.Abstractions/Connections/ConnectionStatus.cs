namespace ChannelManager.Connections;

/// <summary>The lifecycle state of a channel connection.</summary>
public enum ConnectionStatus
{
    /// <summary>Synchronised: receives pushes and imports bookings.</summary>
    Active = 1,

    /// <summary>Kept, but not synchronised until set active again.</summary>
    Paused = 2,

    /// <summary>The last health test or call failed in a way that needs attention (e.g. revoked token).</summary>
    Error = 3,
}
