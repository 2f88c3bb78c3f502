namespace ChannelManager.Conflicts;

/// <summary>Filters for listing conflicts.</summary>
/// <param name="PropertyId">Only this property's conflicts.</param>
/// <param name="Open">Only open (<see langword="true"/>) or only resolved (<see langword="false"/>) conflicts; both when <see langword="null"/>.</param>
public sealed record ConflictQuery(Guid? PropertyId = null, bool? Open = null);
