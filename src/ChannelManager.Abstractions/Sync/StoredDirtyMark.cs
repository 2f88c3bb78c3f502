namespace ChannelManager.Sync;

/// <summary>A persisted <see cref="DirtyMark"/> with its sequence number.</summary>
/// <param name="Sequence">Unique, increasing with every mark stored.</param>
/// <param name="Mark">The mark.</param>
public sealed record StoredDirtyMark(long Sequence, DirtyMark Mark);
