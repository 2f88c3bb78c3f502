namespace ChannelManager.AspNetCore.Dashboard;

/// <summary>The first event of every live-status stream: the stream is open, for this tenant.</summary>
internal sealed record DashboardReadyEvent(string Tenant, DateTimeOffset At);

/// <summary>A record left the page's lists: a connection was deleted, a dead letter replayed.</summary>
internal sealed record DashboardRemovedEvent(string Id);
