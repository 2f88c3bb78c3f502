using ChannelManager;
using System.Diagnostics.Metrics;
using ChannelManager.Bookings;
using ChannelManager.Conflicts;
using ChannelManager.Unmapped;
using ChannelManager.Connections;
using ChannelManager.Engine.Bookings;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Events.InProcess;
using ChannelManager.Engine.Inbound;
using ChannelManager.Engine.Resilience;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Engine.Sync;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Events;
using ChannelManager.Inventory;
using ChannelManager.Sync;
using ChannelManager.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace, by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers ChannelManager.</summary>
public static class ChannelManagerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ChannelManager engine on embedded defaults: in-memory stores, the in-process bus, the sync
    /// engine and its dispatcher, the webhook inbox worker, and per-platform resilience. Returns a builder to add
    /// platform adapters (<c>.AddAirbnb(…)</c>) and production transports. Options are validated at start-up.
    /// Every default is registered with <c>TryAdd</c>, so a host (or a <c>UseX</c> plug-in) can replace any store,
    /// the bus, or the <see cref="IPmsBookingSink"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the engine options.</param>
    /// <returns>The builder.</returns>
    public static IChannelManagerBuilder AddChannelManager(this IServiceCollection services, Action<ChannelManagerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<ChannelManagerOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChannelManagerOptions>, ChannelManagerOptionsValidator>());

        if (services.Any(d => d.ServiceType == typeof(ChannelManagerMarker)))
        {
            return new ChannelManagerBuilder(services);
        }

        services.AddSingleton<ChannelManagerMarker>();
        services.TryAddSingleton(TimeProvider.System);

        // Embedded-default stores and bus.
        services.TryAddSingleton<IChannelConnectionStore, InMemoryChannelConnectionStore>();
        services.TryAddSingleton<IChannelCredentialsStore, ChannelCredentialsStore>();
        services.TryAddSingleton<ISyncLogStore, InMemorySyncLogStore>();
        services.TryAddSingleton<IConflictStore, InMemoryConflictStore>();
        services.TryAddSingleton<IUnmappedReservationStore, InMemoryUnmappedReservationStore>();
        services.TryAddSingleton<IWebhookInbox, InMemoryWebhookInbox>();
        services.TryAddSingleton<IProcessedEventStore, InMemoryProcessedEventStore>();
        services.TryAddSingleton<IInventoryLedger, InMemoryInventoryLedger>();
        services.TryAddSingleton<IDirtyRangeStore, InMemoryDirtyRangeStore>();
        services.TryAddSingleton<InProcessEventBus>();
        services.TryAddSingleton<IEventBus>(sp => sp.GetRequiredService<InProcessEventBus>());
        services.TryAddSingleton<IDeadLetterQueue>(sp => sp.GetRequiredService<InProcessEventBus>());
        services.TryAddSingleton<InMemoryPmsBookingSink>();
        services.TryAddSingleton<IPmsBookingSink>(sp => sp.GetRequiredService<InMemoryPmsBookingSink>());

        // Telemetry: the instruments (one meter per container, from its IMeterFactory) and the gauges' refresher.
        services.AddOptions<ChannelManagerTelemetryOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChannelManagerTelemetryOptions>, ChannelManagerTelemetryOptionsValidator>());
        services.TryAddSingleton(sp => new ChannelManagerInstruments(sp.GetService<IMeterFactory>()));

        // Engine.
        services.TryAddSingleton<IPlatformRateLimiterFactory, InProcessPlatformRateLimiterFactory>();
        services.TryAddSingleton<IPlatformCircuitStateShare, LocalPlatformCircuitStateShare>();
        services.TryAddSingleton(sp => new PlatformResiliencePipelineProvider(
            sp.GetRequiredService<IOptions<ChannelManagerOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PlatformResiliencePipelineProvider>>(),
            sp.GetRequiredService<IPlatformRateLimiterFactory>(),
            sp.GetRequiredService<IPlatformCircuitStateShare>(),
            sp.GetRequiredService<ChannelManagerInstruments>()));
        services.TryAddSingleton<AdapterRegistry>();
        services.TryAddSingleton(sp => new DirtyRangeQueue(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ConnectionPushBudget>();
        services.TryAddSingleton<IReservationPullScheduler>(sp => new ReservationPullScheduler(sp.GetRequiredService<DirtyRangeQueue>()));
        services.TryAddSingleton(sp => new ConflictRecorder(
            sp.GetRequiredService<IConflictStore>(),
            sp.GetServices<IConflictObserver>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ConflictRecorder>>(),
            sp.GetRequiredService<ChannelManagerInstruments>()));
        services.TryAddSingleton<SyncActivityNotifier>();
        services.TryAddSingleton<SyncLogWriter>();
        services.TryAddSingleton(sp => new SyncEngine(
            sp.GetRequiredService<IInventoryLedger>(),
            sp.GetRequiredService<IChannelConnectionStore>(),
            sp.GetRequiredService<DirtyRangeQueue>(),
            sp.GetRequiredService<IDirtyRangeStore>(),
            sp.GetRequiredService<ConflictRecorder>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<ChannelManagerOptions>>(),
            sp.GetRequiredService<ILogger<SyncEngine>>()));
        services.TryAddSingleton(sp => new EventService(sp.GetRequiredService<IEventBus>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<IDurableEventQueue>()));
        services.TryAddSingleton<BookingImporter>();
        services.TryAddSingleton<ReservationRouter>();
        services.TryAddSingleton<InboxSignal>();
        services.TryAddSingleton<ReservationSanityCheck>();
        services.TryAddSingleton<WebhookReceptionMonitor>();
        services.TryAddSingleton(sp => new UnmappedReservationTracker(
            sp.GetRequiredService<IUnmappedReservationStore>(),
            sp.GetRequiredService<IChannelConnectionStore>(),
            sp.GetRequiredService<IWebhookInbox>(),
            sp.GetRequiredService<InboxSignal>(),
            sp.GetRequiredService<DirtyRangeQueue>(),
            sp.GetServices<IUnmappedReservationObserver>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<UnmappedReservationTracker>>(),
            sp.GetRequiredService<ChannelManagerInstruments>()));
        services.TryAddSingleton(sp => new UnmappedReservationService(
            sp.GetRequiredService<IUnmappedReservationStore>(),
            sp.GetRequiredService<UnmappedReservationTracker>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<FetchedReservationsImporter>();
        services.TryAddSingleton(sp => new WebhookIngestionService(
            sp.GetRequiredService<AdapterRegistry>(),
            sp.GetRequiredService<IWebhookInbox>(),
            sp.GetRequiredService<InboxSignal>(),
            sp.GetRequiredService<ReservationSanityCheck>(),
            sp.GetRequiredService<WebhookReceptionMonitor>(),
            sp.GetRequiredService<ILogger<WebhookIngestionService>>()));
        services.TryAddSingleton(sp => new ChannelConnectionService(
            sp.GetRequiredService<IChannelConnectionStore>(),
            sp.GetRequiredService<ISyncLogStore>(),
            sp.GetRequiredService<AdapterRegistry>(),
            sp.GetRequiredService<SyncEngine>(),
            sp.GetRequiredService<DirtyRangeQueue>(),
            sp.GetRequiredService<SyncLogWriter>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ChannelConnectionService>>(),
            sp.GetRequiredService<UnmappedReservationTracker>(),
            sp.GetRequiredService<SyncActivityNotifier>()));

        // Workers.
        services.TryAddSingleton<IConnectionPushLock, InProcessConnectionPushLock>();
        services.AddSingleton<SyncDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncDispatcher>());
        services.AddSingleton<EventConsumerWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<EventConsumerWorker>());
        services.AddSingleton(sp => new CalendarReconciler(
            sp.GetRequiredService<IChannelConnectionStore>(),
            sp.GetRequiredService<IInventoryLedger>(),
            sp.GetRequiredService<AdapterRegistry>(),
            sp.GetRequiredService<PlatformResiliencePipelineProvider>(),
            sp.GetRequiredService<SyncEngine>(),
            sp.GetRequiredService<DirtyRangeQueue>(),
            sp.GetRequiredService<SyncLogWriter>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<ChannelManagerOptions>>(),
            sp.GetRequiredService<ILogger<CalendarReconciler>>(),
            sp.GetRequiredService<ChannelManagerInstruments>()));
        services.AddHostedService(sp => sp.GetRequiredService<CalendarReconciler>());
        services.AddSingleton<InboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxWorker>());
        services.AddHostedService<ReservationPoller>();
        services.AddSingleton<ChannelManagerGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<ChannelManagerGauges>());
        return new ChannelManagerBuilder(services);
    }

    private sealed class ChannelManagerMarker;
}
