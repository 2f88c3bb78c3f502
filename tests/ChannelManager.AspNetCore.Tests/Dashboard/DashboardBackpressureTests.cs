using System.Text;
using ChannelManager.AspNetCore.Dashboard;
using ChannelManager.Sync;
using Microsoft.AspNetCore.Http;
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

    [Fact]
    public async Task Events_dropped_while_a_write_waits_for_the_browser_are_announced_before_the_next_event_not_after_a_later_one()
    {
        // The stream's writer is in the middle of writing an event (the browser reads nothing) when more events arrive
        // than the queue holds: the oldest are dropped. The resync must go out with the events still queued, not wait
        // for an event that may never come.
        var subscription = new DashboardSubscription("t", 4, _ => { });
        var body = new GatedStream();
        using var aborted = new CancellationTokenSource();
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider(), RequestAborted = aborted.Token };
        context.Response.Body = body;
        var run = new DashboardEventStream(subscription, new DashboardEvent("ready", "{}"), TimeSpan.FromMinutes(5)).ExecuteAsync(context);
        await body.WaitForAsync("event: ready");

        body.Hold();
        subscription.Offer(new DashboardEvent("sync_log", "{\"n\":0}"));
        await body.Blocked.WaitAsync(TimeSpan.FromSeconds(30), Ct); // the writer waits inside the write of n:0
        for (var i = 1; i <= 10; i++)
        {
            subscription.Offer(new DashboardEvent("sync_log", $"{{\"n\":{i}}}")); // 4 fit: n:1–6 are dropped
        }

        body.Open();
        var text = await body.WaitForAsync("{\"n\":10}");
        var resync = text.IndexOf("event: resync", StringComparison.Ordinal);
        Assert.True(resync > text.IndexOf("{\"n\":0}", StringComparison.Ordinal), text);
        Assert.True(resync < text.IndexOf("{\"n\":7}", StringComparison.Ordinal), text);
        Assert.DoesNotContain("{\"n\":6}", text, StringComparison.Ordinal);
        await aborted.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30), Ct);
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

    /// <summary>A response body whose writes wait while it is closed, as a browser that reads nothing makes them wait.</summary>
    private sealed class GatedStream : Stream
    {
        private readonly StringBuilder _text = new();
        private readonly SemaphoreSlim _written = new(0);
        private readonly TaskCompletionSource _blocked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public GatedStream() => _open.SetResult();

        public Task Blocked => _blocked.Task;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void Hold() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _open.TrySetResult();

        public async Task<string> WaitForAsync(string fragment)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                lock (_text)
                {
                    var text = _text.ToString();
                    if (text.Contains(fragment, StringComparison.Ordinal))
                    {
                        return text;
                    }
                }

                Assert.True(DateTime.UtcNow < deadline, $"'{fragment}' was never written");
                await _written.WaitAsync(TimeSpan.FromMilliseconds(100), Ct);
            }
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var open = _open.Task;
            if (!open.IsCompleted)
            {
                _blocked.TrySetResult();
            }

            await open.WaitAsync(cancellationToken);
            lock (_text)
            {
                _text.Append(Encoding.UTF8.GetString(buffer.Span));
            }

            _written.Release();
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();
    }
}
