namespace ChannelManager.Engine.Transport.RedisStreams;

/// <summary>
/// Settings of the Redis Streams event bus (<c>UseRedisStreams(o =&gt; …)</c>). Validated at start-up, including
/// cross-field rules; the host fails to start with every problem listed.
/// </summary>
/// <remarks>
/// One stream carries every event. All consumers of one channel-manager deployment share
/// <see cref="ConsumerGroup"/>, so each event is handled by one of them; every process needs its own
/// <see cref="ConsumerName"/>. Keys derived from <see cref="StreamName"/>: <c>{stream}:dead-letters</c>,
/// <c>{stream}:nudge</c> (pub/sub channel), <c>{stream}:failures</c> (hash of the last failure per entry) and
/// <c>{stream}:processed:{event id}</c> (idempotency marks, when the Redis processed-event store is used).
/// On Redis Cluster, put the stream name in a hash tag (e.g. <c>{pms_core_events}</c>) so that the derived keys
/// live on the stream's shard.
/// </remarks>
public sealed class RedisStreamsOptions
{
    /// <summary>The StackExchange.Redis configuration string, e.g. <c>redis:6379,password=…</c>. Required.
    /// <c>abortConnect=false</c> is always applied, so the host starts while Redis is down.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The stream the events are appended to.</summary>
    public string StreamName { get; set; } = "pms_core_events";

    /// <summary>The consumer group every channel-manager process joins.</summary>
    public string ConsumerGroup { get; set; } = "channel_manager_consumers";

    /// <summary>
    /// This process's name in the group; must be unique per running process. A process that restarts under the
    /// same name first re-reads the entries it had received but not acknowledged; entries of a consumer that never
    /// comes back are claimed by the others after <see cref="ClaimMinIdleTime"/>.
    /// </summary>
    public string ConsumerName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// The most entries this process holds at once (read from Redis but not yet acknowledged or failed): the
    /// read-ahead buffer and the back-pressure limit. The default, 500 (about 1.5 MB of envelopes), keeps the consumers
    /// busy while the reader's next round trip is under way; with 100 the end-to-end rate on the reference machine
    /// drops by about a fifth (see docs/benchmarks.md).
    /// </summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How long an entry must have been idle (delivered, not acknowledged) before another delivery claims it: the
    /// redelivery delay after a failure, and how long a dead consumer's entries wait.
    /// </summary>
    public TimeSpan ClaimMinIdleTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often this process claims idle entries (<c>XAUTOCLAIM</c>) and refreshes the idle time of the entries it
    /// is still working on, so that no one else claims them. At most half of <see cref="ClaimMinIdleTime"/>.
    /// </summary>
    public TimeSpan ClaimInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deliveries of one event before it is moved to the dead-letter stream.</summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>The dead-letter stream; <see langword="null"/> means <c>{StreamName}:dead-letters</c>.</summary>
    public string? DeadLetterStreamName { get; set; }

    /// <summary>The most dead letters kept (approximately; the oldest go first).</summary>
    public int DeadLetterMaxLength { get; set; } = 100_000;

    /// <summary>
    /// The pub/sub channel on which publishers wake idle consumers; <see langword="null"/> means
    /// <c>{StreamName}:nudge</c>.
    /// </summary>
    public string? NotificationChannel { get; set; }

    /// <summary>How often an idle consumer reads the stream anyway, in case a wake-up notification was lost.</summary>
    public TimeSpan FallbackPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the stream is trimmed to the oldest entry any consumer group still needs (undelivered or
    /// unacknowledged entries are never trimmed).
    /// </summary>
    public TimeSpan TrimInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the Redis processed-event store remembers a handled event id. Must exceed
    /// <see cref="ClaimMinIdleTime"/> × <see cref="MaxDeliveries"/>, the longest an event can be redelivered for.
    /// </summary>
    public TimeSpan ProcessedEventRetention { get; set; } = TimeSpan.FromDays(7);
}
