using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChannelManager.Testing;

/// <summary>A started generic host of a test: resolves its services, and stops it (10 s at most) when disposed.</summary>
public class RunningHost(IHost host) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public T Get<T>()
        where T : notnull => host.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StopAsync(timeout.Token).ConfigureAwait(false);
        host.Dispose();
    }
}
