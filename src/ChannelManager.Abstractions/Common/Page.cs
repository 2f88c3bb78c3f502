namespace ChannelManager.Common;

/// <summary>One page of a list, with the cursor that fetches the next page.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items of this page, in the list's order.</param>
/// <param name="NextCursor">An opaque cursor for the next page, or <see langword="null"/> when this is the last page.</param>
/// <param name="Total">How many items match the query in all.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor, int Total);
