namespace ChannelManager.Chaos.Hosting;

/// <summary>The worker processes of the run, handed out round-robin among the live ones.</summary>
internal sealed class WorkerPool : IAsyncDisposable
{
    private readonly IReadOnlyList<WorkerProcess> _workers;
    private int _next;

    public WorkerPool(IReadOnlyList<WorkerProcess> workers) => _workers = workers;

    public IReadOnlyList<WorkerProcess> All => _workers;

    /// <summary>The next live worker (any worker when none is live: the caller's request then fails and is retried).</summary>
    /// <returns>A worker.</returns>
    public WorkerProcess Next()
    {
        for (var i = 0; i < _workers.Count; i++)
        {
            var worker = _workers[(int)((uint)Interlocked.Increment(ref _next) % (uint)_workers.Count)];
            if (worker.IsLive)
            {
                return worker;
            }
        }

        return _workers[(int)((uint)Interlocked.Increment(ref _next) % (uint)_workers.Count)];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }
    }
}
