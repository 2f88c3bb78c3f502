namespace ChannelManager.Common;

/// <summary>
/// Which page of a list to return. Either a keyset <see cref="Cursor"/> from a previous page (preferred, stable
/// under inserts) or a plain <see cref="Offset"/>; never both.
/// </summary>
/// <param name="Limit">Maximum items to return (1–<see cref="MaxLimit"/>).</param>
/// <param name="Offset">Items to skip from the start; ignored when <paramref name="Cursor"/> is set.</param>
/// <param name="Cursor">Opaque cursor returned as <see cref="Page{T}.NextCursor"/>.</param>
public sealed record PageRequest(int Limit = PageRequest.DefaultLimit, int Offset = 0, string? Cursor = null)
{
    /// <summary>The page size used when none is given.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The largest page size accepted.</summary>
    public const int MaxLimit = 500;
}
