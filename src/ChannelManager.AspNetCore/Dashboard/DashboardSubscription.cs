using System.Threading.Channels;

namespace ChannelManager.AspNetCore.Dashboard;

/// <summary>
/// One open live-status stream: a bounded queue of one tenant's events. When the reader falls behind, the oldest event is
/// dropped and <see cref="TakeLagged"/> tells the stream to send a resync instead, so the engine never waits for a browser.
/// </summary>
internal sealed class DashboardSubscription : IDisposable
{
    private readonly Channel<DashboardEvent> _events;
    private readonly Action<DashboardSubscription> _onDispose;
    private int _lagged;
    private int _disposed;

    public DashboardSubscription(string tenantId, int capacity, Action<DashboardSubscription> onDispose)
    {
        TenantId = tenantId;
        _onDispose = onDispose;
        _events = Channel.CreateBounded<DashboardEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false },
            _ => Interlocked.Exchange(ref _lagged, 1));
    }

    /// <summary>The tenant whose events this stream receives.</summary>
    public string TenantId { get; }

    /// <summary>The queued events.</summary>
    public ChannelReader<DashboardEvent> Reader => _events.Reader;

    /// <summary>Queues an event; never waits (a full queue drops its oldest).</summary>
    public void Offer(DashboardEvent e) => _events.Writer.TryWrite(e);

    /// <summary>Whether events were dropped since the last call (and resets it).</summary>
    public bool TakeLagged() => Interlocked.Exchange(ref _lagged, 0) == 1;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _events.Writer.TryComplete();
            _onDispose(this);
        }
    }
}
