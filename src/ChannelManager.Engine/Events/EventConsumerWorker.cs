using System.Diagnostics;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Engine.Sync;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Events;

/// <summary>
/// Consumes the bus: skips events already handled (idempotency by event id), hands the rest to the
/// <see cref="SyncEngine"/>, then acknowledges; a failure is reported to the bus, which redelivers or dead-letters.
/// Each delivery is an <c>event consume</c> span continuing the publisher's trace (the envelope's <c>traceparent</c>),
/// inside a log scope naming the event and its property.
/// </summary>
internal sealed class EventConsumerWorker : BackgroundService
{
    private readonly IEventBus _bus;
    private readonly SyncEngine _engine;
    private readonly IProcessedEventStore _processed;
    private readonly ChannelManagerOptions _options;
    private readonly ILogger<EventConsumerWorker> _logger;

    public EventConsumerWorker(IEventBus bus, SyncEngine engine, IProcessedEventStore processed, IOptions<ChannelManagerOptions> options, ILogger<EventConsumerWorker> logger)
    {
        _bus = bus;
        _engine = engine;
        _processed = processed;
        _options = options.Value;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _options.EventConsumerConcurrency).Select(_ => Task.Run(() => ConsumeLoopAsync(stoppingToken), CancellationToken.None)));

    internal async Task HandleDeliveryAsync(EventDelivery delivery, CancellationToken cancellationToken)
    {
        var envelope = delivery.Envelope;
        using var activity = StartConsumeActivity(delivery);
        using var scope = LogScopes.ForEvent(_logger, envelope);
        try
        {
            if (await _processed.IsProcessedAsync(envelope.EventId, cancellationToken).ConfigureAwait(false))
            {
                _logger.LogDebug("Event {EventId} was already handled; acknowledging the duplicate", envelope.EventId);
                activity?.SetTag(ChannelManagerActivitySource.OutcomeTag, "duplicate");
            }
            else
            {
                await _engine.HandleAsync(envelope, cancellationToken).ConfigureAwait(false);
                await _processed.MarkProcessedAsync(envelope.EventId, cancellationToken).ConfigureAwait(false);
                activity?.SetTag(ChannelManagerActivitySource.OutcomeTag, "handled");
            }

            await delivery.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            activity?.SetTag(ChannelManagerActivitySource.OutcomeTag, "failed");
            await delivery.FailAsync(ex, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The consumer span of a delivery, child of the publisher's span; <see langword="null"/> when nothing listens.</summary>
    private static Activity? StartConsumeActivity(EventDelivery delivery)
    {
        var source = ChannelManagerActivitySource.Source;
        if (!source.HasListeners())
        {
            return null;
        }

        var envelope = delivery.Envelope;
        var activity = source.StartActivity(ChannelManagerActivitySource.EventConsume, ActivityKind.Consumer, EventTraceContext.ParentOf(envelope));
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ChannelManagerActivitySource.EventIdTag, envelope.EventId.ToString("D"));
            activity.SetTag(ChannelManagerActivitySource.EventTypeTag, envelope.Type);
            activity.SetTag(ChannelManagerActivitySource.PropertyIdTag, envelope.PropertyId.ToString("D"));
            activity.SetTag(ChannelManagerActivitySource.DeliveryCountTag, delivery.DeliveryCount);
        }

        return activity;
    }

    private async Task ConsumeLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var delivery in _bus.ConsumeAsync(stoppingToken).ConfigureAwait(false))
                {
                    await HandleDeliveryAsync(delivery, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "The event consumer failed; restarting it in one second");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
