using ChannelManager.Connections;

namespace ChannelManager.Simulator.State;

/// <summary>A listing on one platform.</summary>
internal readonly record struct ListingKey(Platform Platform, string ListingId);
