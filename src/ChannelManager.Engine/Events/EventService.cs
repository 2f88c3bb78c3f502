using System.Diagnostics;
using ChannelManager.Common;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Events;

namespace ChannelManager.Engine.Events;

/// <summary>
/// Publishes PMS events onto the bus. The PMS calls this when a booking, price or availability changes; the
/// channel manager's consumers route the events to the sync engine.
/// </summary>
public sealed class EventService
{
    private readonly IEventBus _bus;
    private readonly TimeProvider _time;
    private readonly IDurableEventQueue? _durable;

    /// <summary>Creates the service.</summary>
    /// <param name="bus">The bus.</param>
    /// <param name="time">The clock.</param>
    public EventService(IEventBus bus, TimeProvider time)
        : this(bus, time, null)
    {
    }

    /// <summary>Creates the service; with a durable queue (the PostgreSQL outbox) events go through it to the bus.</summary>
    internal EventService(IEventBus bus, TimeProvider time, IDurableEventQueue? durable)
    {
        _bus = bus;
        _time = time;
        _durable = durable;
    }

    /// <summary>Validates and publishes an event.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="propertyId">The property.</param>
    /// <param name="payload">The event.</param>
    /// <param name="eventId">The idempotency key; a new one when omitted.</param>
    /// <param name="version">The per-aggregate version, if the PMS keeps one.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The envelope that was published.</returns>
    /// <exception cref="ChannelManagerValidationException">When the event is invalid; nothing is published.</exception>
    public Task<EventEnvelope> PublishAsync(string tenantId, Guid propertyId, PmsEvent payload, Guid? eventId = null, long version = 0, CancellationToken cancellationToken = default)
    {
        var envelope = new EventEnvelope
        {
            EventId = eventId ?? Guid.CreateVersion7(),
            TenantId = tenantId,
            PropertyId = propertyId,
            OccurredAt = _time.GetUtcNow(),
            Version = version,
            Payload = payload,
        };
        return PublishCoreAsync(envelope, cancellationToken); // one state machine per publish, not two
    }

    /// <summary>
    /// Validates and publishes a prepared envelope. With PostgreSQL configured the event is written to the outbox
    /// (durable at once; the relay moves it onto the bus within milliseconds, and again if the bus loses it);
    /// otherwise it goes straight onto the bus.
    /// </summary>
    /// <param name="envelope">The event.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the event is accepted (stored in the outbox, or by the bus).</returns>
    /// <exception cref="ChannelManagerValidationException">When the event is invalid; nothing is published.</exception>
    /// <remarks>
    /// When traced, the publication is an <c>event publish</c> span, and the envelope that goes out carries its W3C trace
    /// context (unless the envelope brings its own), so that the consumers' spans continue the trace.
    /// </remarks>
    public Task PublishAsync(EventEnvelope envelope, CancellationToken cancellationToken = default) => PublishCoreAsync(envelope, cancellationToken);

    private async Task<EventEnvelope> PublishCoreAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        Validate(envelope).ThrowIfAny();
        using var activity = ChannelManagerActivitySource.Source.StartActivity(ChannelManagerActivitySource.EventPublish, ActivityKind.Producer);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ChannelManagerActivitySource.EventIdTag, envelope.EventId.ToString("D"));
            activity.SetTag(ChannelManagerActivitySource.EventTypeTag, envelope.Type);
            activity.SetTag(ChannelManagerActivitySource.PropertyIdTag, envelope.PropertyId.ToString("D"));
        }

        envelope = EventTraceContext.Stamp(envelope);
        if (_durable is not null)
        {
            await _durable.EnqueueAsync(envelope, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _bus.PublishAsync(envelope, cancellationToken).ConfigureAwait(false);
        }

        return envelope;
    }

    /// <summary>Checks an envelope and its payload.</summary>
    /// <param name="envelope">The event.</param>
    /// <returns>The errors found, keyed by wire field name.</returns>
    public static ValidationErrors Validate(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var errors = new ValidationErrors();
        if (envelope.EventId == Guid.Empty)
        {
            errors.Add("event_id", "The event id must be a non-empty GUID.");
        }

        if (string.IsNullOrWhiteSpace(envelope.TenantId))
        {
            errors.Add("tenant_id", "The tenant id is required.");
        }

        if (envelope.PropertyId == Guid.Empty)
        {
            errors.Add("property_id", "The property id must be a non-empty GUID.");
        }

        if (envelope.Version < 0)
        {
            errors.Add("version", "The version must not be negative.");
        }

        switch (envelope.Payload)
        {
            case BookingEvent b:
                if (string.IsNullOrWhiteSpace(b.BookingId) || b.BookingId.Length > 200)
                {
                    errors.Add("payload.booking_id", "The booking id is required (at most 200 characters).");
                }

                CheckRange(errors, b.CheckIn, b.CheckOut, "payload.check_in", "payload.check_out");
                if (b.Units is < 1 or > 10_000)
                {
                    errors.Add("payload.units", "Units must be between 1 and 10000.");
                }

                if (b is BookingModified { PreviousCheckIn: var previousIn, PreviousCheckOut: var previousOut } && (previousIn is not null || previousOut is not null))
                {
                    CheckRange(errors, previousIn ?? default, previousOut ?? default, "payload.previous_check_in", "payload.previous_check_out");
                }

                break;
            case PricingUpdated p:
                CheckRange(errors, p.From, p.To, "payload.from", "payload.to");
                if (p.Rate < 0)
                {
                    errors.Add("payload.rate", "The rate must not be negative.");
                }

                if (p.Currency is null || p.Currency.Length != 3 || !p.Currency.All(char.IsAsciiLetterUpper))
                {
                    errors.Add("payload.currency", "The currency must be a three-letter ISO 4217 code in upper case, e.g. EUR.");
                }

                CheckWeekdays(errors, p.Weekdays);
                break;
            case AvailabilityUpdated a:
                CheckRange(errors, a.From, a.To, "payload.from", "payload.to");
                if (a.TotalUnits is < 0 or > 10_000)
                {
                    errors.Add("payload.total_units", "Total units must be between 0 and 10000.");
                }

                if (a.MinStay is < 1 or > 365)
                {
                    errors.Add("payload.min_stay", "Min stay must be between 1 and 365 nights.");
                }

                if (a.MinStayThrough is < 1 or > 365)
                {
                    errors.Add("payload.min_stay_through", "Min stay through must be between 1 and 365 nights.");
                }

                CheckWeekdays(errors, a.Weekdays);
                if (a.MaxStay is < 1 or > 365)
                {
                    errors.Add("payload.max_stay", "Max stay must be between 1 and 365 nights.");
                }

                if (a.MinStay is { } min && a.MaxStay is { } max && max < min)
                {
                    errors.Add("payload.max_stay", "Max stay must not be shorter than min stay.");
                }

                break;
            case null:
                errors.Add("payload", "The payload is required.");
                break;
        }

        return errors;
    }

    private static void CheckWeekdays(ValidationErrors errors, IReadOnlyList<DayOfWeek>? weekdays)
    {
        if (weekdays is null)
        {
            return;
        }

        if (weekdays.Count == 0)
        {
            errors.Add("payload.weekdays", "Leave weekdays out for every night, or name at least one day (monday … sunday).");
        }
        else if (weekdays.Any(d => !Enum.IsDefined(d)))
        {
            errors.Add("payload.weekdays", "Weekdays must be monday … sunday.");
        }
    }

    private static void CheckRange(ValidationErrors errors, DateOnly from, DateOnly to, string fromName, string toName)
    {
        if (from == default)
        {
            errors.Add(fromName, "The date is required (yyyy-MM-dd).");
        }

        if (to == default)
        {
            errors.Add(toName, "The date is required (yyyy-MM-dd).");
        }

        if (from != default && to != default)
        {
            if (to <= from)
            {
                errors.Add(toName, $"Must be after {fromName} (the end date is exclusive).");
            }
            else if (to.DayNumber - from.DayNumber > 1100)
            {
                errors.Add(toName, "A range may span at most 1100 nights.");
            }
            else if (from.Year < 2000 || to.Year > 2100)
            {
                errors.Add(fromName, "Dates must lie between the years 2000 and 2100.");
            }
        }
    }
}
