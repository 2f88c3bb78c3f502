namespace ChannelManager.Engine.Telemetry;

/// <summary>
/// The names of ChannelManager's metrics: one <see cref="System.Diagnostics.Metrics.Meter"/> (<see cref="MeterName"/>),
/// its instruments and their labels. Labels have bounded values only (platform, event type, status, operation, lane,
/// limiter): never a tenant, connection, listing or booking id. Hosts export them with OpenTelemetry
/// (<c>AddMeter(ChannelManagerMetrics.MeterName)</c>); Prometheus sees the names as written here.
/// </summary>
public static class ChannelManagerMetrics
{
    /// <summary>The meter every ChannelManager instrument belongs to.</summary>
    public const string MeterName = "ChannelManager";

    /// <summary>Observable gauge: active connections (status <c>active</c>, not deleted) per platform, all tenants. Labels: <see cref="PlatformLabel"/>.</summary>
    public const string ConnectionsActive = "channel_manager_connections_active";

    /// <summary>Counter: platform operations (pushes, pulls, imports, reconciliations, tests) by outcome. Labels: <see cref="EventTypeLabel"/>, <see cref="PlatformLabel"/>, <see cref="StatusLabel"/>, <see cref="OperationLabel"/>.</summary>
    public const string SyncOperations = "channel_manager_sync_operations_total";

    /// <summary>Histogram (seconds): from an event's <c>occurred_at</c> to the platform acknowledging the push that carried it. Labels: <see cref="PlatformLabel"/>, <see cref="EventTypeLabel"/>.</summary>
    public const string SyncLatency = "channel_manager_sync_latency_seconds";

    /// <summary>Observable gauge: dirty nights waiting to be pushed, per lane (<c>urgent</c>, <c>budgeted</c>). Labels: <see cref="LaneLabel"/>.</summary>
    public const string DirtyNightsPending = "channel_manager_dirty_range_backlog_nights";

    /// <summary>Observable gauge: connections with dirty nights waiting or a push in flight.</summary>
    public const string DirtyConnectionsPending = "channel_manager_dirty_range_backlog_connections";

    /// <summary>Observable gauge: events set aside as dead letters (waiting for a replay).</summary>
    public const string DeadLetters = "channel_manager_dead_letters";

    /// <summary>Counter: bookings accepted onto nights with no unit left. Labels: <see cref="SourceLabel"/>.</summary>
    public const string OverbookingConflicts = "channel_manager_overbooking_conflicts_total";

    /// <summary>Counter: bookings for listings no connection maps. Labels: <see cref="PlatformLabel"/>.</summary>
    public const string UnmappedReservations = "channel_manager_unmapped_reservations_total";

    /// <summary>Counter: nights a reconciliation found different on the platform. Labels: <see cref="PlatformLabel"/>.</summary>
    public const string CalendarDriftNights = "channel_manager_calendar_drift_nights_total";

    /// <summary>Counter (observable): calls refused by a platform's rate limiter, and pushes of rates and restrictions deferred because a connection's push budget was spent. Labels: <see cref="PlatformLabel"/>, <see cref="LimiterLabel"/>.</summary>
    public const string RateLimiterRejections = "channel_manager_rate_limiter_rejections_total";

    /// <summary>Observable gauge: each enabled platform's circuit breaker: 0 closed, 1 half-open, 2 open. Labels: <see cref="PlatformLabel"/>.</summary>
    public const string CircuitBreakerState = "channel_manager_circuit_breaker_state";

    /// <summary>Counter: HTTP requests the ChannelManager host answered. Labels: <see cref="MethodLabel"/>, <see cref="EndpointLabel"/> (the route pattern, never the raw path), <see cref="HttpStatusLabel"/>.</summary>
    public const string HttpRequests = "http_requests_total";

    /// <summary>Label: the platform's wire name (<c>airbnb</c>, <c>booking_com</c>, …).</summary>
    public const string PlatformLabel = "platform";

    /// <summary>Label: the PMS event type (<c>booking.confirmed</c>, …) or the kind of trigger (<c>manual</c>, <c>webhook</c>, <c>schedule</c>, <c>connection.created</c>, …).</summary>
    public const string EventTypeLabel = "event_type";

    /// <summary>Label: <c>succeeded</c>, <c>failed</c> or <c>skipped</c>.</summary>
    public const string StatusLabel = "status";

    /// <summary>Label: the sync-log operation (<c>ari_push</c>, <c>reservation_pull</c>, <c>booking_import</c>, <c>calendar_reconcile</c>, <c>connection_test</c>).</summary>
    public const string OperationLabel = "operation";

    /// <summary>Label: the dirty-range lane (<c>urgent</c>, <c>budgeted</c>).</summary>
    public const string LaneLabel = "lane";

    /// <summary>Label: which limiter refused (<c>platform_rate_limit</c>, <c>push_budget</c>).</summary>
    public const string LimiterLabel = "limiter";

    /// <summary>Label: where a conflicting booking came from (<c>direct</c> or a platform's wire name).</summary>
    public const string SourceLabel = "source";

    /// <summary>Label: the HTTP method.</summary>
    public const string MethodLabel = "method";

    /// <summary>Label: the route pattern of the endpoint that answered (<c>unmatched</c> when none did).</summary>
    public const string EndpointLabel = "endpoint";

    /// <summary>Label: the HTTP status code.</summary>
    public const string HttpStatusLabel = "status";

    /// <summary>The bucket boundaries of <see cref="SyncLatency"/>, in seconds: milliseconds (an urgent push) to minutes (a budgeted one, or a retry after an outage).</summary>
    public static IReadOnlyList<double> SyncLatencyBuckets { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];
}
