namespace ChannelManager.Browser.Tests;

/// <summary>A browser test against its own sample host on Kestrel, started before and stopped after each test.</summary>
public abstract class SampleHostBrowserTest : IAsyncLifetime
{
    /// <summary>The host under test.</summary>
    protected SampleHostOnKestrel Host { get; private set; } = null!;

    /// <inheritdoc />
    public ValueTask InitializeAsync()
    {
        Host = SampleHostOnKestrel.Start();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
