using System.Diagnostics;

namespace ChannelManager.Engine.Telemetry;

/// <summary>
/// ChannelManager's traces: one <see cref="ActivitySource"/> (<see cref="Name"/>), the names of its spans and of their
/// tags. A PMS event is followed from its publication (<see cref="EventPublish"/>) through the bus (the W3C trace
/// context travels in the envelope: <c>traceparent</c>/<c>tracestate</c>) to its consumption (<see cref="EventConsume"/>)
/// and every platform call it causes (<see cref="PlatformPush"/>), in whatever process each happens. Spans carry ids
/// (event, property, connection), never tokens, and no tenant id.
/// </summary>
public static class ChannelManagerActivitySource
{
    /// <summary>The activity source's name (for <c>AddSource</c>).</summary>
    public const string Name = "ChannelManager";

    /// <summary>Producer span: an event validated and handed to the outbox or the bus.</summary>
    public const string EventPublish = "event publish";

    /// <summary>Consumer span: one delivery of an event handled by the sync engine (child of the publisher's span).</summary>
    public const string EventConsume = "event consume";

    /// <summary>Client span: one push of dirty nights to a platform (child of the first event that marked them; linked to the others).</summary>
    public const string PlatformPush = "platform push";

    /// <summary>Client span: one reservation pull from a platform.</summary>
    public const string PlatformPull = "platform pull";

    /// <summary>Server span: one webhook checked and stored in the inbox.</summary>
    public const string WebhookReceive = "webhook receive";

    /// <summary>Consumer span: one inbox entry processed (reservation fetched, booking imported).</summary>
    public const string InboxProcess = "inbox process";

    /// <summary>Tag: the event id (the idempotency key).</summary>
    public const string EventIdTag = "channel_manager.event_id";

    /// <summary>Tag: the event type.</summary>
    public const string EventTypeTag = "channel_manager.event_type";

    /// <summary>Tag: how many events a coalesced push carries.</summary>
    public const string EventCountTag = "channel_manager.event_count";

    /// <summary>Tag: the property id.</summary>
    public const string PropertyIdTag = "channel_manager.property_id";

    /// <summary>Tag: the connection id.</summary>
    public const string ConnectionIdTag = "channel_manager.connection_id";

    /// <summary>Tag: the platform's wire name.</summary>
    public const string PlatformTag = "channel_manager.platform";

    /// <summary>Tag: the sync operation (<c>ari_push</c>, <c>reservation_pull</c>).</summary>
    public const string OperationTag = "channel_manager.operation";

    /// <summary>Tag: how many listings a platform call covers.</summary>
    public const string ListingCountTag = "channel_manager.listing_count";

    /// <summary>Tag: how many nights a push carries.</summary>
    public const string NightCountTag = "channel_manager.night_count";

    /// <summary>Tag: how it ended (<c>succeeded</c>, <c>failed</c>, <c>refused</c>, <c>skipped</c>, <c>duplicate</c>, …).</summary>
    public const string OutcomeTag = "channel_manager.outcome";

    /// <summary>Tag: the delivery number of an event (1 for the first).</summary>
    public const string DeliveryCountTag = "channel_manager.delivery";

    /// <summary>Tag: the inbox entry id.</summary>
    public const string InboxEntryIdTag = "channel_manager.inbox_entry_id";

    /// <summary>The source every ChannelManager span starts from.</summary>
    internal static ActivitySource Source { get; } = new(Name, typeof(ChannelManagerActivitySource).Assembly.GetName().Version?.ToString());
}
