namespace ChannelManager.Events;

/// <summary>Remembers which event ids were handled, so that a redelivered event changes nothing twice.</summary>
public interface IProcessedEventStore
{
    /// <summary>Whether an event was already handled.</summary>
    /// <param name="eventId">The event id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when it was.</returns>
    Task<bool> IsProcessedAsync(Guid eventId, CancellationToken cancellationToken = default);

    /// <summary>Records that an event was handled.</summary>
    /// <param name="eventId">The event id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when this call recorded it, <see langword="false"/> when it was already recorded.</returns>
    Task<bool> MarkProcessedAsync(Guid eventId, CancellationToken cancellationToken = default);
}
