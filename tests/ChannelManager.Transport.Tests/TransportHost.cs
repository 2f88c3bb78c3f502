using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Transport.RedisStreams;
using ChannelManager.Events;
using ChannelManager.Inventory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Transport.Tests;

/// <summary>
/// A generic host running the engine with <c>UseRedisStreams</c> against a test server (the real thing: the
/// engine's consumer worker, sync engine and the Redis Streams bus), with a <see cref="RecordingLedger"/> to see
/// which events were handled. Set CM_TEST_LOG=1 to see the logs.
/// </summary>
internal sealed class TransportHost : RunningHost
{
    private TransportHost(IHost host, RecordingLedger ledger)
        : base(host)
    {
        Ledger = ledger;
    }

    public RecordingLedger Ledger { get; }

    public RedisStreamsEventBus Bus => Get<RedisStreamsEventBus>();

    public static async Task<TransportHost> StartAsync(string connectionString, string stream, Action<RedisStreamsOptions>? configure = null, Action<ChannelManagerOptions>? engine = null)
    {
        var builder = Host.CreateApplicationBuilder();
        ConfigureLogging(builder.Logging);
        var ledger = new RecordingLedger();
        builder.Services.AddSingleton<IInventoryLedger>(ledger);
        builder.Services.AddChannelManager(o => engine?.Invoke(o)).UseRedisStreams(o =>
        {
            o.ConnectionString = connectionString;
            o.StreamName = stream;
            configure?.Invoke(o);
        });
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new TransportHost(host, ledger);
    }

    /// <summary>A container with the bus but no running workers, to drive the bus by hand.</summary>
    public static ServiceProvider BusOnly(string connectionString, string stream, Action<RedisStreamsOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(ConfigureLogging);
        services.AddChannelManager().UseRedisStreams(o =>
        {
            o.ConnectionString = connectionString;
            o.StreamName = stream;
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }

    public Task<EventEnvelope> PublishRateAsync(Guid property, decimal rate) =>
        Get<EventService>().PublishAsync("t", property, TestEvents.Pricing(rate), cancellationToken: TestContext.Current.CancellationToken);

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("CM_TEST_LOG") == "1")
        {
            logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(LogLevel.Debug);
        }
    }
}
