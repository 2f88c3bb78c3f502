using ChannelManager.Sync;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.AspNetCore.Tests.Dashboard;

/// <summary>A browser that stops reading never holds up the engine: its queue drops the oldest events and the page is told to reload.</summary>
public sealed class DashboardBackpressureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stream_nobody_reads_drops_the_oldest_events_and_asks_for_a_resync_without_blocking_the_engine()
    {
        await using var app = await MinimalDashboardHost.StartAsync(o => o.SubscriberBufferCapacity = 16);
        using var client = app.GetTestClient();
        await using var stream = await SseStream.OpenAsync(client, "/ops/board/events", Ct);
        await stream.ReadUntilAsync("ready", _ => true);

        // 300 rows of 8 KiB each: far more than the response pipe and the 16-event queue hold while nobody reads.
        var observers = app.Services.GetServices<ISyncActivityObserver>().ToList();
        Assert.Single(observers);
        var connection = Guid.NewGuid();
        var error = new string('x', 8 * 1024);
        for (var i = 0; i < 300; i++)
        {
            var call = observers[0].OnSyncLoggedAsync(Row(connection, i, error), Ct);
            Assert.True(call.IsCompletedSuccessfully, "the observer returned at once");
        }

        // Now read: the stream says that events were lost, and still ends with the newest one.
        var last = await stream.ReadUntilAsync("sync_log", d => d.GetProperty("attempt").GetInt32() == 300);
        Assert.Equal(connection, last.GetProperty("connection_id").GetGuid());
        Assert.Contains(stream.Seen, s => s.Type == "resync");
        var delivered = stream.Seen.Count(s => s.Type == "sync_log");
        Assert.True(delivered < 300, $"{delivered} of 300 rows were delivered: none was dropped");
    }

    private static SyncLogEntry Row(Guid connection, int i, string error) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = "default",
        ConnectionId = connection,
        Operation = SyncOperations.AriPush,
        Attempt = i + 1,
        Outcome = SyncOutcome.Failed,
        Error = error,
        StartedAt = DateTimeOffset.UtcNow,
    };
}
