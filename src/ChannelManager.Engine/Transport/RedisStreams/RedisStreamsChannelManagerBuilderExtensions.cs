using ChannelManager;
using ChannelManager.Engine.Resilience;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Engine.Transport.RedisStreams;
using ChannelManager.Events;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace, by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the Redis Streams event bus.</summary>
public static class RedisStreamsChannelManagerBuilderExtensions
{
    /// <summary>
    /// Carries PMS events over a Redis stream with a consumer group instead of the in-process bus: at-least-once
    /// delivery that survives process crashes, shared by several channel-manager processes, with redelivery of
    /// failures, dead letters (listed and replayed through <see cref="IDeadLetterQueue"/>) and trimming of handled
    /// entries.
    /// </summary>
    /// <remarks>
    /// <para>Registers one shared <see cref="IConnectionMultiplexer"/> (created on first use with
    /// <c>abortConnect=false</c>, so the host starts while Redis is down; a multiplexer the host registered itself
    /// is left in place for its own use) and replaces <see cref="IEventBus"/> and <see cref="IDeadLetterQueue"/>.
    /// When the engine's in-memory <see cref="IProcessedEventStore"/> is still the registered one, it is replaced by
    /// a Redis-backed store (a set of event ids per minute, with a TTL) shared by every consumer; a durable store registered
    /// by the host or another plug-in (e.g. PostgreSQL) is kept. Each platform's rate limit becomes a token bucket in
    /// Redis, so that all processes together stay within it.</para>
    /// <para>When the host stops, the bus stops reading first and the engine's consumers finish the entries this
    /// process holds before they stop (within the host's shutdown timeout).</para>
    /// <para>Options are validated when the host starts (<see cref="RedisStreamsOptions"/>).</para>
    /// </remarks>
    /// <param name="builder">The builder from <c>AddChannelManager</c>.</param>
    /// <param name="configure">Sets the options; <see cref="RedisStreamsOptions.ConnectionString"/> is required.</param>
    /// <returns>The builder.</returns>
    public static IChannelManagerBuilder UseRedisStreams(this IChannelManagerBuilder builder, Action<RedisStreamsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<RedisStreamsOptions>()
            .Configure(configure)
            .PostConfigure(o =>
            {
                o.DeadLetterStreamName ??= o.StreamName + ":dead-letters";
                o.NotificationChannel ??= o.StreamName + ":nudge";
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisStreamsOptions>, RedisStreamsOptionsValidator>());

        services.TryAddSingleton<RedisStreamsConnection>();
        services.TryAddSingleton<IConnectionMultiplexer>(sp => sp.GetRequiredService<RedisStreamsConnection>().Get());
        services.TryAddSingleton<RedisStreamsEventBus>();
        services.Replace(ServiceDescriptor.Singleton<IEventBus>(sp => sp.GetRequiredService<RedisStreamsEventBus>()));
        services.Replace(ServiceDescriptor.Singleton<IDeadLetterQueue>(sp => sp.GetRequiredService<RedisStreamsEventBus>()));
        services.AddHostedService<RedisStreamsDrainOnStop>();

        // Every process on this stream draws from one rate-limit bucket per platform.
        services.Replace(ServiceDescriptor.Singleton<IPlatformRateLimiterFactory, RedisPlatformRateLimiterFactory>());

        // A circuit that opens in one process pauses calls to that platform in all of them.
        services.Replace(ServiceDescriptor.Singleton<IPlatformCircuitStateShare, RedisPlatformCircuitStateShare>());

        // The processed-event store follows the durable store when there is one: replace only the in-memory default.
        var processed = services.LastOrDefault(d => d.ServiceType == typeof(IProcessedEventStore));
        if (processed is null || (!processed.IsKeyedService && processed.ImplementationType == typeof(InMemoryProcessedEventStore)))
        {
            services.TryAddSingleton<RedisProcessedEventStore>();
            services.RemoveAll<IProcessedEventStore>();
            services.AddSingleton<IProcessedEventStore>(sp => sp.GetRequiredService<RedisProcessedEventStore>());
        }

        return builder;
    }
}
