namespace ChannelManager.Adapters;

/// <summary>The outcome of a successful push.</summary>
/// <param name="PlatformCalls">How many HTTP calls the push took.</param>
public sealed record AriPushResult(int PlatformCalls);
