using ChannelManager.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Engine.Tests;

/// <summary>The engine's <see cref="IChannelCredentialsStore"/>: what adapters that refresh OAuth tokens read and write.</summary>
public sealed class ChannelCredentialsStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Saved_credentials_replace_only_the_credentials_and_bump_the_version()
    {
        await using var provider = Provider(out var logs);
        var connections = provider.GetRequiredService<IChannelConnectionStore>();
        var store = provider.GetRequiredService<IChannelCredentialsStore>();
        var connection = NewConnection();
        await connections.AddAsync(connection, Ct);
        var refreshed = new ChannelCredentials("access-token-new-4711", "refresh-token-new-4711", DateTimeOffset.UtcNow.AddHours(1));

        Assert.True(await store.SaveAsync("t", connection.Id, refreshed, Ct));

        Assert.Equal(refreshed, await store.GetAsync("t", connection.Id, Ct));
        var stored = (await connections.GetAsync("t", connection.Id, Ct))!;
        Assert.Equal(connection.Version + 1, stored.Version);
        Assert.Equal(connection.PlatformListingId, stored.PlatformListingId);
        Assert.Equal(connection.LastError, stored.LastError);
        Assert.DoesNotContain(logs, l => l.Contains("4711", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Saving_wins_over_a_concurrent_change_of_other_fields()
    {
        await using var provider = Provider(out _);
        var connections = provider.GetRequiredService<IChannelConnectionStore>();
        var store = provider.GetRequiredService<IChannelCredentialsStore>();
        var connection = NewConnection();
        await connections.AddAsync(connection, Ct);
        var changed = connection with { LastError = "boom", Version = connection.Version + 1 };
        Assert.True(await connections.UpdateAsync(changed, connection.Version, Ct));

        Assert.True(await store.SaveAsync("t", connection.Id, new ChannelCredentials("new"), Ct));

        var stored = (await connections.GetAsync("t", connection.Id, Ct))!;
        Assert.Equal("new", stored.Credentials.AccessToken);
        Assert.Equal("boom", stored.LastError);
        Assert.Equal(connection.Version + 2, stored.Version);
    }

    [Fact]
    public async Task A_missing_or_deleted_connection_has_no_credentials_and_saves_nothing()
    {
        await using var provider = Provider(out _);
        var connections = provider.GetRequiredService<IChannelConnectionStore>();
        var store = provider.GetRequiredService<IChannelCredentialsStore>();
        var deleted = NewConnection() with { DeletedAt = DateTimeOffset.UtcNow };
        await connections.AddAsync(deleted, Ct);

        Assert.Null(await store.GetAsync("t", Guid.NewGuid(), Ct));
        Assert.False(await store.SaveAsync("t", Guid.NewGuid(), new ChannelCredentials("x"), Ct));
        Assert.Null(await store.GetAsync("t", deleted.Id, Ct));
        Assert.False(await store.SaveAsync("t", deleted.Id, new ChannelCredentials("x"), Ct));
        Assert.Null(await store.GetAsync("other-tenant", deleted.Id, Ct));
    }

    private static ServiceProvider Provider(out List<string> logs)
    {
        var entries = new List<string>();
        logs = entries;
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new ListLoggerProvider(entries)).SetMinimumLevel(LogLevel.Trace));
        services.AddChannelManager();
        return services.BuildServiceProvider();
    }

    private static ChannelConnection NewConnection() => new()
    {
        Id = Guid.NewGuid(),
        TenantId = "t",
        PropertyId = Guid.NewGuid(),
        Platform = Platform.Airbnb,
        PlatformListingId = "L-1",
        Credentials = new ChannelCredentials("access-token-old", "refresh-token-old", DateTimeOffset.UtcNow),
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
        LastError = "earlier",
    };

    private sealed class ListLoggerProvider(List<string> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(entries);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (entries)
                {
                    entries.Add(formatter(state, exception));
                }
            }
        }
    }
}
