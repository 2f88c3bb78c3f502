using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Engine.Transport.RedisStreams;
using ChannelManager.Events;
using ChannelManager.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Transport.Tests;

public sealed class OptionsAndRegistrationTests
{
    [Fact]
    public async Task Bad_options_stop_the_host_at_start_up_with_every_problem_listed()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddChannelManager().UseRedisStreams(o =>
        {
            o.ConnectionString = " ";
            o.BatchSize = 0;
            o.MaxDeliveries = 0;
            o.ConsumerName = "";
            o.ClaimMinIdleTime = TimeSpan.FromSeconds(30);
            o.ClaimInterval = TimeSpan.FromSeconds(20);
            o.DeadLetterStreamName = o.StreamName;
            o.FallbackPollInterval = TimeSpan.Zero;
        });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        var text = string.Join("\n", ex.Failures);
        Assert.Contains("ChannelManager:RedisStreams:ConnectionString is required", text, StringComparison.Ordinal);
        Assert.Contains("BatchSize must be between 1 and 10000", text, StringComparison.Ordinal);
        Assert.Contains("MaxDeliveries must be between 1 and 100", text, StringComparison.Ordinal);
        Assert.Contains("ConsumerName is required", text, StringComparison.Ordinal);
        Assert.Contains("ClaimInterval must be at most half of ClaimMinIdleTime", text, StringComparison.Ordinal);
        Assert.Contains("DeadLetterStreamName must differ from StreamName", text, StringComparison.Ordinal);
        Assert.Contains("ChannelManager:RedisStreams:FallbackPollInterval must be positive", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Processed_marks_must_outlive_the_redelivery_window()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddChannelManager().UseRedisStreams(o =>
        {
            o.ConnectionString = "127.0.0.1:1";
            o.ClaimMinIdleTime = TimeSpan.FromMinutes(10);
            o.MaxDeliveries = 10;
            o.ProcessedEventRetention = TimeSpan.FromMinutes(90);
        });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(ex.Failures, f => f.Contains("ProcessedEventRetention must be longer than ClaimMinIdleTime × MaxDeliveries", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_host_starts_and_stops_while_Redis_is_down()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddChannelManager().UseRedisStreams(o => o.ConnectionString = $"127.0.0.1:{FreePort.Next()},connectTimeout=500");
        using var host = builder.Build();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(10));

        await host.StartAsync(cts.Token);
        await Task.Delay(300, TestContext.Current.CancellationToken); // the consumer is retrying in the background
        await host.StopAsync(cts.Token);
    }

    [Fact]
    public void UseRedisStreams_replaces_the_bus_and_the_in_memory_processed_store_and_defaults_the_derived_names()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddChannelManager().UseRedisStreams(o => { o.ConnectionString = "127.0.0.1:1"; o.StreamName = "events"; });
        using var provider = services.BuildServiceProvider();

        var bus = provider.GetRequiredService<IEventBus>();
        Assert.IsType<RedisStreamsEventBus>(bus);
        Assert.Same(bus, provider.GetRequiredService<IDeadLetterQueue>());
        Assert.IsType<RedisProcessedEventStore>(provider.GetRequiredService<IProcessedEventStore>());
        var options = provider.GetRequiredService<IOptions<RedisStreamsOptions>>().Value;
        Assert.Equal("events:dead-letters", options.DeadLetterStreamName);
        Assert.Equal("events:nudge", options.NotificationChannel);
        Assert.Equal("channel_manager_consumers", options.ConsumerGroup);
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", options.ConsumerName);
        Assert.Equal(500, options.BatchSize);
    }

    [Fact]
    public void A_durable_processed_store_wins_whether_it_is_registered_before_or_after_UseRedisStreams()
    {
        var before = new ServiceCollection();
        before.AddLogging();
        var builder = before.AddChannelManager();
        before.Replace(ServiceDescriptor.Singleton<IProcessedEventStore, DurableStore>());
        builder.UseRedisStreams(o => o.ConnectionString = "127.0.0.1:1");
        using (var provider = before.BuildServiceProvider())
        {
            Assert.IsType<DurableStore>(provider.GetRequiredService<IProcessedEventStore>());
        }

        var after = new ServiceCollection();
        after.AddLogging();
        after.AddChannelManager().UseRedisStreams(o => o.ConnectionString = "127.0.0.1:1");
        after.Replace(ServiceDescriptor.Singleton<IProcessedEventStore, DurableStore>());
        using (var provider = after.BuildServiceProvider())
        {
            Assert.IsType<DurableStore>(provider.GetRequiredService<IProcessedEventStore>());
        }

        var inMemory = new ServiceCollection();
        inMemory.AddLogging();
        inMemory.AddChannelManager();
        using (var provider = inMemory.BuildServiceProvider())
        {
            Assert.IsType<InMemoryProcessedEventStore>(provider.GetRequiredService<IProcessedEventStore>()); // the default it replaces
        }
    }

    private sealed class DurableStore : IProcessedEventStore
    {
        public Task<bool> IsProcessedAsync(Guid eventId, CancellationToken cancellationToken = default) => Task.FromResult(false);

        public Task<bool> MarkProcessedAsync(Guid eventId, CancellationToken cancellationToken = default) => Task.FromResult(true);
    }
}
