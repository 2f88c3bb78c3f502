using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChannelManager.AspNetCore.Dashboard;

/// <summary>
/// Writes one subscription as a <c>text/event-stream</c> until the browser goes away or the host stops: a <c>ready</c>
/// event first, then each event as it is queued (a <c>resync</c> where events were dropped for a slow reader), and a
/// heartbeat comment whenever the stream was idle for <see cref="ChannelManagerDashboardOptions.HeartbeatInterval"/>.
/// </summary>
internal sealed class DashboardEventStream(DashboardSubscription subscription, DashboardEvent ready, TimeSpan heartbeat) : IResult
{
    private static readonly byte[] HeartbeatComment = ": heartbeat\n\n"u8.ToArray();
    private static readonly DashboardEvent ResyncEvent = new(DashboardEventNames.Resync, "{}");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using var owned = subscription;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx and friends: pass events through at once
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var stopping = httpContext.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, stopping);
        var cancellationToken = streaming.Token;
        var body = response.Body;
        var reader = owned.Reader;
        try
        {
            // The browser reconnects after 2 s when the stream breaks (EventSource; the page's own reader does the same).
            await body.WriteAsync("retry: 2000\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            await WriteAsync(body, ready, cancellationToken).ConfigureAwait(false);
            await body.FlushAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                bool more;
                using (var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    beat.CancelAfter(heartbeat);
                    try
                    {
                        more = await reader.WaitToReadAsync(beat.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        await body.WriteAsync(HeartbeatComment, cancellationToken).ConfigureAwait(false);
                        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                }

                if (!more)
                {
                    return;
                }

                // Events may be dropped while this loop writes (a write waits for the browser): the resync goes out
                // before the first event read after a drop, and once more at the end should the drop's notice land
                // after the last read — never left waiting for an event that may not come.
                while (reader.TryRead(out var e))
                {
                    if (owned.TakeLagged())
                    {
                        await WriteAsync(body, ResyncEvent, cancellationToken).ConfigureAwait(false);
                    }

                    await WriteAsync(body, e, cancellationToken).ConfigureAwait(false);
                }

                if (owned.TakeLagged())
                {
                    await WriteAsync(body, ResyncEvent, cancellationToken).ConfigureAwait(false);
                }

                await body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The browser left or the host is stopping: the stream simply ends.
        }
    }

    private static Task WriteAsync(Stream body, DashboardEvent e, CancellationToken cancellationToken)
    {
        // The JSON is one line (System.Text.Json escapes control characters), so one data field carries it.
        var frame = Encoding.UTF8.GetBytes($"event: {e.Name}\ndata: {e.Json}\n\n");
        return body.WriteAsync(frame, cancellationToken).AsTask();
    }
}
