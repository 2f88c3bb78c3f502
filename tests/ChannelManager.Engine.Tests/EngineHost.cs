using ChannelManager.Adapters;
using ChannelManager.Engine.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Engine.Tests;

/// <summary>A started generic host with the engine on embedded defaults and the given adapters.</summary>
internal sealed class EngineHost : RunningHost
{
    private EngineHost(IHost host)
        : base(host)
    {
    }

    public static Task<EngineHost> StartAsync(Action<ChannelManagerOptions>? configure = null, params IChannelAdapter[] adapters) =>
        StartAsync(configure, adapters, null);

    public static async Task<EngineHost> StartAsync(Action<ChannelManagerOptions>? configure, IChannelAdapter[] adapters, Action<IServiceCollection>? services, Action<IServiceCollection>? afterEngine = null)
    {
        var builder = Host.CreateApplicationBuilder();
        services?.Invoke(builder.Services);
        builder.Logging.ClearProviders();
        builder.Services.AddChannelManager(o =>
        {
            o.DispatchRetryBaseDelay = TimeSpan.FromMilliseconds(20);
            o.EventRedeliveryDelay = TimeSpan.FromMilliseconds(10);
            o.DefaultResilience.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            o.DefaultResilience.MaxRetryAttempts = 1;

            // Push pacing has tests of its own (PushBudgetTests); elsewhere a retried push must not wait for a permit.
            o.DefaultResilience.AriPushBudget = 0;
            configure?.Invoke(o);
        });
        foreach (var a in adapters)
        {
            builder.Services.AddSingleton(a);
        }

        afterEngine?.Invoke(builder.Services);

        var host = builder.Build();
        await host.StartAsync();
        return new EngineHost(host);
    }
}
