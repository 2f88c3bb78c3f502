namespace ChannelManager.Engine.Telemetry;

/// <summary>A dead-letter queue that can count its letters cheaply (for the <c>channel_manager_dead_letters</c> gauge).</summary>
internal interface IDeadLetterCounter
{
    /// <summary>How many dead letters wait for a replay.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The count.</returns>
    Task<long> CountDeadLettersAsync(CancellationToken cancellationToken);
}
