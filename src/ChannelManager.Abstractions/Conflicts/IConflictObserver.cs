namespace ChannelManager.Conflicts;

/// <summary>
/// Implemented by the host to be told at once of a new overbooking conflict (page the operator, e-mail the owner).
/// Register any number; each is called once per conflict, after it is recorded. A failing observer is logged and
/// does not stop the others or the sync.
/// </summary>
public interface IConflictObserver
{
    /// <summary>A new conflict was recorded.</summary>
    /// <param name="conflict">The conflict.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the observer has handled it.</returns>
    Task OnOverbookingAsync(OverbookingConflict conflict, CancellationToken cancellationToken = default);
}
