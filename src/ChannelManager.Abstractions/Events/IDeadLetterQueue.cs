namespace ChannelManager.Events;

/// <summary>Lists and replays events the bus gave up on.</summary>
public interface IDeadLetterQueue
{
    /// <summary>Lists dead letters, oldest first.</summary>
    /// <param name="max">At most this many.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The dead letters.</returns>
    Task<IReadOnlyList<DeadLetter>> ListAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Publishes a dead letter's event again and removes it from the dead letters.</summary>
    /// <param name="id">The dead letter's id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether a dead letter with that id existed.</returns>
    Task<bool> ReplayAsync(string id, CancellationToken cancellationToken = default);
}
