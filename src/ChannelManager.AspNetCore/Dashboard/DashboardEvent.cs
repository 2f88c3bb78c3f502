namespace ChannelManager.AspNetCore.Dashboard;

/// <summary>One live-status event as it goes on the wire: its SSE event name and its JSON data.</summary>
/// <param name="Name">The event name (<see cref="DashboardEventNames"/>).</param>
/// <param name="Json">The data, one line of JSON.</param>
internal sealed record DashboardEvent(string Name, string Json);
