using ChannelManager.Engine.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace ChannelManager.Engine.Transport.RedisStreams;

/// <content>Health and the dead-letter count, for operators.</content>
internal sealed partial class RedisStreamsEventBus : IDeadLetterCounter
{
    public async Task<long> CountDeadLettersAsync(CancellationToken cancellationToken)
    {
        var db = _db ?? await GetDatabaseAsync().ConfigureAwait(false);
        return await db.StreamLengthAsync(_keys.DeadLetters).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Healthy when Redis answers a <c>PING</c> and this process's reader loop runs (or has not been started yet:
    /// nothing consumes in this process); unhealthy when Redis does not answer or the loop ended while the bus still runs.
    /// </summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The result.</returns>
    internal async Task<HealthCheckResult> CheckHealthAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return HealthCheckResult.Unhealthy("The Redis Streams bus is disposed.");
        }

        TimeSpan latency;
        try
        {
            var db = _db ?? await GetDatabaseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            latency = await db.PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer: " + ex.GetType().Name);
        }

        if (_running is { IsCompleted: true } && Volatile.Read(ref _readingStopped) == 0)
        {
            return HealthCheckResult.Unhealthy("The consumer's reader loop has stopped.");
        }

        var reading = _running is null ? "no consumer started in this process" : Volatile.Read(ref _readingStopped) == 1 ? "reading stopped (shutting down)" : "consumer reading";
        return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.#} ms; {reading}.");
    }
}
