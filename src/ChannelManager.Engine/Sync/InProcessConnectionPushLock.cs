namespace ChannelManager.Engine.Sync;

/// <summary>The embedded default: one process, whose dirty-range queue already serializes a connection's pushes.</summary>
internal sealed class InProcessConnectionPushLock : IConnectionPushLock
{
    private static readonly Task<IAsyncDisposable> Held = Task.FromResult<IAsyncDisposable>(new Nothing());

    public Task<IAsyncDisposable> AcquireAsync(string tenantId, Guid connectionId, CancellationToken cancellationToken) => Held;

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
