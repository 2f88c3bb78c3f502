using ChannelManager.Connections;
using ChannelManager.Events;
using ChannelManager.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChannelManager.Engine.Sync;

/// <summary>
/// Calls every <see cref="ISyncActivityObserver"/> the host registered, one after another; a failing observer is logged
/// and skipped, so an observer can never fail or stop a sync. Costs nothing when none is registered.
/// </summary>
internal sealed class SyncActivityNotifier
{
    private readonly ISyncActivityObserver[] _observers;
    private readonly ILogger _logger;

    public SyncActivityNotifier(IEnumerable<ISyncActivityObserver> observers, ILogger<SyncActivityNotifier> logger)
    {
        _observers = [.. observers];
        _logger = logger;
    }

    private SyncActivityNotifier()
    {
        _observers = [];
        _logger = NullLogger.Instance;
    }

    /// <summary>A notifier without observers, for engine parts built without DI.</summary>
    public static SyncActivityNotifier None { get; } = new();

    /// <summary>Whether any observer is registered.</summary>
    public bool HasObservers => _observers.Length > 0;

    public Task SyncLoggedAsync(SyncLogEntry entry, CancellationToken cancellationToken) =>
        NotifyAsync(entry, static (o, e, ct) => o.OnSyncLoggedAsync(e, ct), cancellationToken);

    public Task ConnectionChangedAsync(ChannelConnection connection, CancellationToken cancellationToken) =>
        NotifyAsync(connection, static (o, c, ct) => o.OnConnectionChangedAsync(c, ct), cancellationToken);

    public Task DeadLetteredAsync(DeadLetter deadLetter, CancellationToken cancellationToken) =>
        NotifyAsync(deadLetter, static (o, d, ct) => o.OnDeadLetteredAsync(d, ct), cancellationToken);

    public Task DeadLetterReplayedAsync(DeadLetter deadLetter, CancellationToken cancellationToken) =>
        NotifyAsync(deadLetter, static (o, d, ct) => o.OnDeadLetterReplayedAsync(d, ct), cancellationToken);

    private async Task NotifyAsync<T>(T change, Func<ISyncActivityObserver, T, CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        foreach (var observer in _observers)
        {
            try
            {
                await call(observer, change, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.LogError(ex, "Sync activity observer {Observer} failed; the sync goes on", observer.GetType().Name);
            }
        }
    }
}
