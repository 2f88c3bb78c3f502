using ChannelManager;
using ChannelManager.Conflicts;
using ChannelManager.Connections;
using ChannelManager.Engine.Storage.PostgreSql;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Security;
using ChannelManager.Engine.Storage.PostgreSql.Outbox;
using Microsoft.Extensions.Configuration;
using ChannelManager.Events;
using ChannelManager.Inventory;
using ChannelManager.Engine.Sync;
using ChannelManager.Sync;
using ChannelManager.Unmapped;
using ChannelManager.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace, by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers ChannelManager's PostgreSQL store.</summary>
public static class PostgresChannelManagerBuilderExtensions
{
    /// <summary>
    /// Stores everything in PostgreSQL: replaces the embedded in-memory connection store, sync log, webhook inbox,
    /// processed-event store, inventory ledger and dirty-range store (whatever was registered for them before, and
    /// whether this is called before or after other <c>UseX</c> methods), registers one <see cref="NpgsqlDataSource"/>
    /// (keyed <see cref="PostgresServiceKeys.DataSource"/>), applies the schema migrations when the host starts
    /// (before any other hosted service), and runs the transactional outbox (<see cref="PostgresEventOutbox"/> and its
    /// relay onto the <see cref="IEventBus"/>) and the pruning of expired rows. Platform tokens are stored encrypted
    /// (<see cref="TokenEncryptionOptions"/>: a key is required). Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddChannelManager</c>.</param>
    /// <param name="configure">Sets the connection string and, optionally, the schema and the outbox settings.</param>
    /// <returns>The builder.</returns>
    public static IChannelManagerBuilder UsePostgres(this IChannelManagerBuilder builder, Action<PostgresOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<PostgresOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresOptions>, PostgresOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Tokens are encrypted at rest: a key is required (validated at start-up, naming the setting).
        services.AddOptions<TokenEncryptionOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TokenEncryptionOptions>, TokenEncryptionOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<TokenEncryptionOptions>, TokenEncryptionConfigurationFallback>(
            static sp => new TokenEncryptionConfigurationFallback(sp.GetService<IConfiguration>())));
        services.TryAddSingleton<ITokenProtector, AesGcmTokenProtector>();

        // The stores: always these, replacing the in-memory defaults and any earlier registration.
        Replace<IChannelConnectionStore, PostgresChannelConnectionStore>(services);
        Replace<ISyncLogStore, PostgresSyncLogStore>(services);
        Replace<IConflictStore, PostgresConflictStore>(services);
        Replace<IUnmappedReservationStore, PostgresUnmappedReservationStore>(services);
        Replace<IWebhookInbox, PostgresWebhookInbox>(services);
        Replace<IProcessedEventStore, PostgresProcessedEventStore>(services);
        Replace<IInventoryLedger, PostgresInventoryLedger>(services);
        Replace<IDirtyRangeStore, PostgresDirtyRangeStore>(services);
        Replace<IConnectionPushLock, PostgresConnectionPushLock>(services);

        if (services.Any(d => d.ServiceType == typeof(PostgresStoreContext)))
        {
            // Called again: the options above add up; everything else is registered once.
            return builder;
        }

        services.AddKeyedSingleton(PostgresServiceKeys.DataSource, static (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<PostgresOptions>>().Value;
            var connectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            if (string.IsNullOrEmpty(connectionString.ApplicationName))
            {
                connectionString.ApplicationName = "ChannelManager";
            }

            var dataSource = new NpgsqlDataSourceBuilder(connectionString.ConnectionString);
            if (sp.GetService<ILoggerFactory>() is { } loggerFactory)
            {
                dataSource.UseLoggerFactory(loggerFactory);
            }

            return dataSource.Build();
        });
        services.AddSingleton(static sp => new PostgresStoreContext(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(PostgresServiceKeys.DataSource),
            sp.GetRequiredService<IOptions<PostgresOptions>>().Value.Schema,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PostgresCredentialsCodec>();
        services.AddSingleton<PostgresChannelConnectionStore>();
        services.AddSingleton<PostgresSyncLogStore>();
        services.AddSingleton<PostgresConflictStore>();
        services.AddSingleton<PostgresUnmappedReservationStore>();
        services.AddSingleton<PostgresWebhookInbox>();
        services.AddSingleton<PostgresProcessedEventStore>();
        services.AddSingleton<PostgresInventoryLedger>();
        services.AddSingleton<PostgresDirtyRangeStore>();
        services.AddSingleton<PostgresConnectionPushLock>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton(static sp => new PostgresEventOutbox(sp.GetRequiredService<PostgresStoreContext>(), sp.GetRequiredService<OutboxSignal>()));
        services.RemoveAll<IDurableEventQueue>();
        services.AddSingleton<IDurableEventQueue>(static sp => sp.GetRequiredService<PostgresEventOutbox>());

        // Migrations run in StartingAsync, before any hosted service starts; then the outbox and the pruning.
        services.AddSingleton<PostgresMigrationHostedService>();
        services.AddHostedService(static sp => sp.GetRequiredService<PostgresMigrationHostedService>());
        services.AddSingleton<OutboxListener>();
        services.AddHostedService(static sp => sp.GetRequiredService<OutboxListener>());
        services.AddSingleton<OutboxRelay>();
        services.AddHostedService(static sp => sp.GetRequiredService<OutboxRelay>());
        services.AddSingleton<PostgresMaintenanceService>();
        services.AddHostedService(static sp => sp.GetRequiredService<PostgresMaintenanceService>());
        return builder;
    }

    private static void Replace<TService, TImplementation>(IServiceCollection services)
        where TService : class
        where TImplementation : class, TService
    {
        services.RemoveAll<TService>();
        services.AddSingleton<TService>(static sp => sp.GetRequiredService<TImplementation>());
    }
}
