namespace ChannelManager.Engine.Sync;

/// <summary>Identifies a connection within its tenant.</summary>
internal readonly record struct ConnectionKey(string TenantId, Guid ConnectionId);
