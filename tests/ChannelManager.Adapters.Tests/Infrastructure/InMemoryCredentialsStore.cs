using System.Collections.Concurrent;
using ChannelManager.Connections;

namespace ChannelManager.Adapters.Tests.Infrastructure;

/// <summary>An <see cref="IChannelCredentialsStore"/> as the engine provides one: the stored credentials per connection.</summary>
internal sealed class InMemoryCredentialsStore : IChannelCredentialsStore
{
    private readonly ConcurrentDictionary<Guid, ChannelCredentials> _credentials = new();
    private int _saves;

    public int Saves => Volatile.Read(ref _saves);

    public ChannelCredentials? this[Guid connectionId] => _credentials.GetValueOrDefault(connectionId);

    public void Set(Guid connectionId, ChannelCredentials credentials) => _credentials[connectionId] = credentials;

    public Task<ChannelCredentials?> GetAsync(string tenantId, Guid connectionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_credentials.GetValueOrDefault(connectionId));

    public Task<bool> SaveAsync(string tenantId, Guid connectionId, ChannelCredentials credentials, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _saves);
        _credentials[connectionId] = credentials;
        return Task.FromResult(true);
    }
}
