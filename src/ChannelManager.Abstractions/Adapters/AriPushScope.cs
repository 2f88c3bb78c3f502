namespace ChannelManager.Adapters;

/// <summary>Which parts of the nights' state a push carries.</summary>
[Flags]
public enum AriPushScope
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Open/closed and units to sell.</summary>
    Availability = 1,

    /// <summary>Nightly rates.</summary>
    Rates = 2,

    /// <summary>Stay restrictions (min/max stay, closed to arrival/departure).</summary>
    Restrictions = 4,

    /// <summary>Everything.</summary>
    All = Availability | Rates | Restrictions,
}
