using Microsoft.Extensions.Hosting;

namespace ChannelManager.Engine.Transport.RedisStreams;

/// <summary>
/// On host stop, before the engine's consumers stop (hosted services stop in reverse order of registration, and
/// <c>UseRedisStreams</c> comes after <c>AddChannelManager</c>), stops reading the stream and lets the consumers
/// finish the entries this process already holds, within the host's shutdown timeout.
/// </summary>
internal sealed class RedisStreamsDrainOnStop(RedisStreamsEventBus bus) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => bus.StopReadingAsync(cancellationToken);
}
