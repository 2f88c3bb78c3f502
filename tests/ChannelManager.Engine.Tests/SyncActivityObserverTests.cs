using System.Collections.Concurrent;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Events;
using ChannelManager.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Engine.Tests;

/// <summary>
/// The engine tells every <see cref="ISyncActivityObserver"/> of its activity as it happens (what the dashboard's live
/// status is fed from): sync-log rows, connection changes (created, synced, failed, deleted), dead letters and their
/// replay. An observer that throws is skipped and changes nothing for the others or for the sync.
/// </summary>
public sealed class SyncActivityObserverTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sync_logs_connection_changes_and_dead_letters_reach_every_observer_even_past_a_failing_one()
    {
        var platform = new RecordingAdapter();
        var observer = new RecordingObserver();
        await using var host = await EngineHost.StartAsync(
            o => o.MaxEventDeliveries = 1,
            [platform],
            services =>
            {
                services.AddSingleton<ISyncActivityObserver, ThrowingObserver>(); // registered first: called first
                services.AddSingleton<ISyncActivityObserver>(observer);
            });
        var service = host.Get<ChannelConnectionService>();
        var property = Guid.NewGuid();

        var connection = await service.CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "L1", AccessToken = "secret-token" }, Ct);
        Assert.Contains(observer.Changes, c => c.Id == connection.Id && c.LastSyncAt is null); // told before create returned
        await Eventually.TrueAsync(() => observer.Logs.Any(l => l.ConnectionId == connection.Id && l.Outcome == SyncOutcome.Succeeded), "the initial push was logged");
        await Eventually.TrueAsync(() => observer.Changes.Any(c => c.Id == connection.Id && c.LastSyncAt is not null), "the connection's last sync was announced");
        Assert.Equal("t", observer.Logs.First().TenantId);

        // A push that fails is logged with its error, and the connection's last error is announced.
        platform.FailNext(100);
        var night = Today.AddDays(20);
        await host.Get<EventService>().PublishAsync("t", property, new PricingUpdated { From = night, To = night.AddDays(1), Rate = 99m, Currency = "EUR" }, cancellationToken: Ct);
        await Eventually.TrueAsync(() => observer.Logs.Any(l => l.ConnectionId == connection.Id && l.Outcome == SyncOutcome.Failed && l.Error is not null), "the failed push was logged");
        await Eventually.TrueAsync(() => observer.Changes.Any(c => c.Id == connection.Id && c.LastError is not null), "the last error was announced");
        platform.FailNext(0);

        // Soft delete.
        await service.DeleteAsync("t", connection.Id, Ct);
        Assert.Contains(observer.Changes, c => c.Id == connection.Id && c.DeletedAt is not null);

        // A poison event (an empty range) is dead-lettered after one delivery; its replay is announced too.
        var poison = new EventEnvelope
        {
            EventId = Guid.NewGuid(), TenantId = "t", PropertyId = property, OccurredAt = DateTimeOffset.UtcNow,
            Payload = new PricingUpdated { From = night, To = night, Rate = 10m, Currency = "EUR" },
        };
        await host.Get<IEventBus>().PublishAsync(poison, Ct);
        await Eventually.TrueAsync(() => observer.DeadLetters.Any(d => d.Envelope.EventId == poison.EventId), "the dead letter was announced");
        var letter = observer.DeadLetters.Single(d => d.Envelope.EventId == poison.EventId);
        Assert.True(await host.Get<IDeadLetterQueue>().ReplayAsync(letter.Id, Ct));
        Assert.Contains(observer.Replayed, d => d.Id == letter.Id);
    }

    private sealed class RecordingObserver : ISyncActivityObserver
    {
        public ConcurrentQueue<SyncLogEntry> Logs { get; } = new();

        public ConcurrentQueue<ChannelConnection> Changes { get; } = new();

        public ConcurrentQueue<DeadLetter> DeadLetters { get; } = new();

        public ConcurrentQueue<DeadLetter> Replayed { get; } = new();

        public Task OnSyncLoggedAsync(SyncLogEntry entry, CancellationToken cancellationToken = default)
        {
            Logs.Enqueue(entry);
            return Task.CompletedTask;
        }

        public Task OnConnectionChangedAsync(ChannelConnection connection, CancellationToken cancellationToken = default)
        {
            Changes.Enqueue(connection);
            return Task.CompletedTask;
        }

        public Task OnDeadLetteredAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
        {
            DeadLetters.Enqueue(deadLetter);
            return Task.CompletedTask;
        }

        public Task OnDeadLetterReplayedAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
        {
            Replayed.Enqueue(deadLetter);
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingObserver : ISyncActivityObserver
    {
        public Task OnSyncLoggedAsync(SyncLogEntry entry, CancellationToken cancellationToken = default) => throw new InvalidOperationException("observer down");

        public Task OnConnectionChangedAsync(ChannelConnection connection, CancellationToken cancellationToken = default) => Task.FromException(new InvalidOperationException("observer down"));

        public Task OnDeadLetteredAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default) => throw new InvalidOperationException("observer down");

        public Task OnDeadLetterReplayedAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default) => throw new InvalidOperationException("observer down");
    }
}
