namespace ChannelManager.Testing.PmsHistories;

/// <summary>One delivery of a scripted event to the engine: its first, or the duplicate its step asks for.</summary>
public sealed record PmsDelivery(ScriptedPmsEvent Event, bool IsDuplicate);
