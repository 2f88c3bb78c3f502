namespace ChannelManager.Testing.PmsHistories;

/// <summary>What a step of a PMS history changes.</summary>
public enum PmsChangeKind
{
    /// <summary>A booking made, changed or cancelled in the PMS (direct, no source connection).</summary>
    PmsBooking,

    /// <summary>A booking made, changed or cancelled on a platform (it reaches the engine with its source connection).</summary>
    PlatformBooking,

    /// <summary>A <c>pricing.updated</c>.</summary>
    Price,

    /// <summary>An <c>availability.updated</c> (units, stop-sell, restrictions).</summary>
    Availability,
}
