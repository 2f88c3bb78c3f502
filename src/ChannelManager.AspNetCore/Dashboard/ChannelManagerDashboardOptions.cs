namespace ChannelManager.AspNetCore.Dashboard;

/// <summary>Settings of the operators' dashboard (<c>AddDashboard</c>, <c>MapChannelManagerDashboard</c>); configuration section <c>ChannelManager:Dashboard</c> by convention.</summary>
public sealed class ChannelManagerDashboardOptions
{
    /// <summary>How often an idle live-status stream gets a heartbeat comment, so that proxies keep it open (1 s to 5 min; default 15 s).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How many events wait for one slow browser (16 to 100,000; default 512). When it is full the oldest is dropped and
    /// the page is told to reload its lists, so a slow browser never holds up the engine.
    /// </summary>
    public int SubscriberBufferCapacity { get; set; } = 512;

    /// <summary>How many live-status streams may be open at once in this process (1 to 100,000; default 1,000); one more is answered 503.</summary>
    public int MaxSubscribers { get; set; } = 1000;
}
