using ChannelManager.Events;
using ChannelManager.Sync;

namespace ChannelManager.Engine.Telemetry;

/// <summary>Label values with a bounded set of values, from free-form inputs (sync-log triggers carry job ids and platform event names).</summary>
internal static class TelemetryLabels
{
    /// <summary>Which limiter refused: the platform's rate limiter.</summary>
    public const string PlatformRateLimit = "platform_rate_limit";

    /// <summary>Which limiter refused: a connection's push budget.</summary>
    public const string PushBudget = "push_budget";

    /// <summary>
    /// The <c>event_type</c> label of a trigger: an event type as it is; <c>manual:full:{job}</c> → <c>manual</c>;
    /// <c>webhook:{platform event}</c> → <c>webhook</c>; <c>schedule:{…}</c> → <c>schedule</c>; the engine's own triggers
    /// (<c>connection.created</c>, <c>booking.import</c>, …) as they are; anything else <c>other</c>.
    /// </summary>
    public static string EventTypeOf(string? trigger) => trigger switch
    {
        null or "" => "none",
        EventTypes.BookingConfirmed => EventTypes.BookingConfirmed,
        EventTypes.BookingCancelled => EventTypes.BookingCancelled,
        EventTypes.BookingModified => EventTypes.BookingModified,
        EventTypes.PricingUpdated => EventTypes.PricingUpdated,
        EventTypes.AvailabilityUpdated => EventTypes.AvailabilityUpdated,
        "booking.import" => "booking.import",
        "connection.created" => "connection.created",
        "connection.resumed" => "connection.resumed",
        "connection.relisted" => "connection.relisted",
        "unmapped.connected" => "unmapped.connected",
        _ when trigger.StartsWith("manual:", StringComparison.Ordinal) => "manual",
        _ when trigger.StartsWith("webhook:", StringComparison.Ordinal) => "webhook",
        _ when trigger.StartsWith("schedule:", StringComparison.Ordinal) => "schedule",
        _ => "other",
    };

    /// <summary>The <c>status</c> label of an outcome.</summary>
    public static string StatusOf(SyncOutcome outcome) => outcome switch
    {
        SyncOutcome.Succeeded => "succeeded",
        SyncOutcome.Failed => "failed",
        SyncOutcome.Skipped => "skipped",
        _ => "other",
    };
}
