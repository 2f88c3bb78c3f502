using ChannelManager.Adapters;
using ChannelManager.Inventory;

namespace ChannelManager.Sync;

/// <summary>Nights of one connection that must be pushed again, and which parts of their state.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConnectionId">The connection.</param>
/// <param name="Range">The nights.</param>
/// <param name="Scope">What to push.</param>
/// <param name="Trigger">What caused it (an event type, <c>manual:full</c>, …).</param>
public sealed record DirtyMark(string TenantId, Guid ConnectionId, DateRange Range, AriPushScope Scope, string Trigger);
