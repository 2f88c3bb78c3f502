using ChannelManager.Connections;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters;

/// <summary>The nights whose state an adapter must push to one listing.</summary>
/// <param name="Connection">The connection (listing and credentials).</param>
/// <param name="Days">The state of each night, in date order, without gaps.</param>
/// <param name="Scope">Which parts of the state to push.</param>
public sealed record AriPushRequest(ChannelConnection Connection, IReadOnlyList<AriDay> Days, AriPushScope Scope = AriPushScope.All);
