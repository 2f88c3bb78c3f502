using ChannelManager.Testing;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Engine.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Storage.Tests;

/// <summary>A started generic host running the engine on PostgreSQL (a process of the system under test).</summary>
internal sealed class PostgresHost : RunningHost
{
    private PostgresHost(IHost host)
        : base(host)
    {
    }

    public static IHost Build(string connectionString, Action<ChannelManagerOptions>? engine = null, Action<PostgresOptions>? postgres = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddChannelManager(o =>
        {
            o.SyncWindowDays = 60;
            o.DispatchRetryBaseDelay = TimeSpan.FromMilliseconds(20);
            o.EventRedeliveryDelay = TimeSpan.FromMilliseconds(10);
            o.DefaultResilience.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            o.DefaultResilience.MaxRetryAttempts = 1;
            engine?.Invoke(o);
        }).UsePostgres(o =>
        {
            o.ConnectionString = connectionString;
            postgres?.Invoke(o);
        }).UseTokenEncryption(o => o.Keys.Add(TestTokenKeys.Current));
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    public static async Task<PostgresHost> StartAsync(string connectionString, Action<ChannelManagerOptions>? engine = null, Action<PostgresOptions>? postgres = null, Action<IServiceCollection>? services = null)
    {
        var host = Build(connectionString, engine, postgres, services);
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new PostgresHost(host);
    }
}
