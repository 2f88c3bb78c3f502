using StackExchange.Redis;

namespace ChannelManager.Engine.Transport.RedisStreams;

/// <summary>The Redis keys, channel and field names of one stream, resolved from <see cref="RedisStreamsOptions"/>.</summary>
internal sealed class RedisStreamsKeys
{
    /// <summary>The envelope (UTF-8 JSON, <see cref="ChannelManager.Events.EventEnvelopeSerializer"/>).</summary>
    public static readonly RedisValue EnvelopeField = "envelope";

    /// <summary>The event id, for inspection (<c>XRANGE</c>) without parsing the envelope.</summary>
    public static readonly RedisValue EventIdField = "event_id";

    /// <summary>The event type, for inspection.</summary>
    public static readonly RedisValue TypeField = "type";

    /// <summary>Dead letters: the entry id in the main stream.</summary>
    public static readonly RedisValue OriginalIdField = "original_id";

    /// <summary>Dead letters: how many times the event was delivered.</summary>
    public static readonly RedisValue DeliveriesField = "deliveries";

    /// <summary>Dead letters: the last failure.</summary>
    public static readonly RedisValue ReasonField = "reason";

    /// <summary>Dead letters: when (Unix milliseconds).</summary>
    public static readonly RedisValue DeadLetteredAtField = "dead_lettered_at";

    /// <summary>Dead letters: set to 1 when the envelope could not be read (such a letter cannot be replayed).</summary>
    public static readonly RedisValue MalformedField = "malformed";

    public RedisStreamsKeys(RedisStreamsOptions options)
    {
        Stream = options.StreamName;
        Group = options.ConsumerGroup;
        Consumer = options.ConsumerName;
        DeadLetters = options.DeadLetterStreamName ?? options.StreamName + ":dead-letters";
        Failures = options.StreamName + ":failures";
        ProcessedPrefix = options.StreamName + ":processed:";
        Nudge = RedisChannel.Literal(options.NotificationChannel ?? options.StreamName + ":nudge");
    }

    public RedisKey Stream { get; }

    public RedisValue Group { get; }

    public RedisValue Consumer { get; }

    public RedisKey DeadLetters { get; }

    public RedisKey Failures { get; }

    public string ProcessedPrefix { get; }

    public RedisChannel Nudge { get; }
}
