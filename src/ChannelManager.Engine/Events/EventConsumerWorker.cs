using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Engine.Sync;
using ChannelManager.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Events;

/// <summary>
/// Consumes the bus: skips events already handled (idempotency by event id), hands the rest to the
/// <see cref="SyncEngine"/>, then acknowledges; a failure is reported to the bus, which redelivers or dead-letters.
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
        try
        {
            if (await _processed.IsProcessedAsync(envelope.EventId, cancellationToken).ConfigureAwait(false))
            {
                _logger.LogDebug("Event {EventId} was already handled; acknowledging the duplicate", envelope.EventId);
            }
            else
            {
                await _engine.HandleAsync(envelope, cancellationToken).ConfigureAwait(false);
                await _processed.MarkProcessedAsync(envelope.EventId, cancellationToken).ConfigureAwait(false);
            }

            await delivery.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            await delivery.FailAsync(ex, cancellationToken).ConfigureAwait(false);
        }
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
