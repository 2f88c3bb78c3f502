using ChannelManager.Common;

namespace ChannelManager.Conflicts;

/// <summary>Where overbooking conflicts are kept. Every operation is scoped to one tenant.</summary>
public interface IConflictStore
{
    /// <summary>Records a conflict unless one with its id is already recorded.</summary>
    /// <param name="conflict">The conflict.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> if it was new.</returns>
    Task<bool> AddIfAbsentAsync(OverbookingConflict conflict, CancellationToken cancellationToken = default);

    /// <summary>One conflict of a tenant.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="id">The conflict's id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The conflict, or <see langword="null"/> if the tenant has none with this id.</returns>
    Task<OverbookingConflict?> GetAsync(string tenantId, Guid id, CancellationToken cancellationToken = default);

    /// <summary>A tenant's conflicts, newest first.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="query">Filters.</param>
    /// <param name="page">Paging (keyset cursor or offset).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One page.</returns>
    Task<Page<OverbookingConflict>> ListAsync(string tenantId, ConflictQuery query, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Marks an open conflict resolved.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="id">The conflict's id.</param>
    /// <param name="resolvedAt">When.</param>
    /// <param name="resolution">How (free text).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The conflict as it now is, or <see langword="null"/> if the tenant has none with this id.</returns>
    Task<OverbookingConflict?> ResolveAsync(string tenantId, Guid id, DateTimeOffset resolvedAt, string? resolution, CancellationToken cancellationToken = default);
}
