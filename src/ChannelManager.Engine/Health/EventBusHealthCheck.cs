using ChannelManager.Engine.Events.InProcess;
using ChannelManager.Engine.Transport.RedisStreams;
using ChannelManager.Events;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChannelManager.Engine.Health;

/// <summary>The bus's health: the in-process bus is healthy while the process runs; Redis Streams checks Redis and its reader loop.</summary>
internal sealed class EventBusHealthCheck(IEventBus bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => bus switch
    {
        RedisStreamsEventBus redis => redis.CheckHealthAsync(cancellationToken),
        InProcessEventBus => Task.FromResult(HealthCheckResult.Healthy("In-process bus.")),
        _ => Task.FromResult(HealthCheckResult.Healthy($"Host-provided bus ({bus.GetType().Name}); not checked.")),
    };
}
