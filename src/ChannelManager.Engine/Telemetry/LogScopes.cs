using ChannelManager.Connections;
using ChannelManager.Events;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Engine.Telemetry;

/// <summary>
/// The structured scopes around the engine's units of work, so that every line logged inside names what it is about:
/// <c>EventId</c>, <c>EventType</c> and <c>PropertyId</c> around an event's handling; <c>ConnectionId</c>,
/// <c>Platform</c> and <c>PropertyId</c> around a push, a pull or a connection operation; <c>Platform</c> and
/// <c>InboxEntryId</c> around a webhook's processing. Ids only: never a token, a payload or a guest's data.
/// </summary>
internal static class LogScopes
{
    /// <summary>Scope key: the connection id.</summary>
    public const string ConnectionIdKey = "ConnectionId";

    /// <summary>Scope key: the platform's wire name.</summary>
    public const string PlatformKey = "Platform";

    /// <summary>Scope key: the property id.</summary>
    public const string PropertyIdKey = "PropertyId";

    /// <summary>Scope key: the event id.</summary>
    public const string EventIdKey = "EventId";

    /// <summary>Scope key: the event type.</summary>
    public const string EventTypeKey = "EventType";

    /// <summary>Scope key: the webhook inbox entry id.</summary>
    public const string InboxEntryIdKey = "InboxEntryId";

    /// <summary>Around an event's handling (per event on the hot path: its fields are made only when a line is written).</summary>
    public static IDisposable? ForEvent(ILogger logger, EventEnvelope envelope) =>
        logger.BeginScope(new EventScope(envelope));

    /// <summary>Around work on one connection (push, pull, test, change).</summary>
    public static IDisposable? ForConnection(ILogger logger, ChannelConnection connection) =>
        logger.BeginScope(new ConnectionScope(connection));

    /// <summary>Around a webhook's reception or its inbox entry's processing (the entry id is unknown while receiving).</summary>
    public static IDisposable? ForWebhook(ILogger logger, Platform platform, Guid? inboxEntryId = null) =>
        logger.BeginScope(new WebhookScope(platform, inboxEntryId));

    /// <summary>An event's scope: <c>EventId</c>, <c>EventType</c>, <c>PropertyId</c>, boxed only when read.</summary>
    private sealed class EventScope(EventEnvelope envelope) : FieldsScope
    {
        public override int Count => 3;

        public override KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new(EventIdKey, envelope.EventId),
            1 => new(EventTypeKey, envelope.Type),
            2 => new(PropertyIdKey, envelope.PropertyId),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };
    }

    /// <summary>A connection's scope: <c>ConnectionId</c>, <c>Platform</c>, <c>PropertyId</c>, boxed only when read.</summary>
    private sealed class ConnectionScope(ChannelConnection connection) : FieldsScope
    {
        public override int Count => 3;

        public override KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new(ConnectionIdKey, connection.Id),
            1 => new(PlatformKey, connection.Platform.ToWireName()),
            2 => new(PropertyIdKey, connection.PropertyId),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };
    }

    /// <summary>A webhook's scope: <c>Platform</c>, and <c>InboxEntryId</c> once the entry exists.</summary>
    private sealed class WebhookScope(Platform platform, Guid? inboxEntryId) : FieldsScope
    {
        public override int Count => inboxEntryId is null ? 1 : 2;

        public override KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new(PlatformKey, platform.ToWireName()),
            1 when inboxEntryId is { } id => new(InboxEntryIdKey, id),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };
    }

    /// <summary>Fields read by structured providers as key/value pairs and by plain ones through <see cref="ToString"/>.</summary>
    private abstract class FieldsScope : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public abstract int Count { get; }

        public abstract KeyValuePair<string, object?> this[int index] { get; }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(", ", this.Select(f => f.Key + ":" + f.Value));
    }
}
