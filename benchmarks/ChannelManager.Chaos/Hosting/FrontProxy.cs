using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Chaos.Hosting;

/// <summary>
/// The load balancer in front of the workers, where the platforms' webhooks and Vrbo's feed reads arrive: each
/// request goes to a live worker; one that finds no worker, loses its connection (the worker was killed mid-request)
/// or gets a 5xx (PostgreSQL restarting) is sent again, to the next worker, for up to <see cref="RetryFor"/> — the
/// retries real platforms make for a webhook that was not answered 2xx. A repeat of a delivery the killed worker had
/// already stored is what the webhook inbox's dedupe is for.
/// </summary>
internal sealed class FrontProxy : IAsyncDisposable
{
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(90);
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Content-Length" };

    private readonly WorkerPool _workers;
    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private long _forwarded;
    private long _retried;
    private long _failed;

    public FrontProxy(WorkerPool workers, int port)
    {
        _workers = workers;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public long Forwarded => Interlocked.Read(ref _forwarded);

    public long Retried => Interlocked.Read(ref _retried);

    public long Failed => Interlocked.Read(ref _failed);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, BaseAddress.Port));
        _app = builder.Build();
        _app.Run(ForwardAsync);
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _client.Dispose();
        _stopping.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, _stopping.Token);
        var body = buffer.ToArray();
        var deadline = DateTime.UtcNow + RetryFor;
        var attempt = 0;
        while (true)
        {
            var worker = _workers.Next();
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(worker.BaseAddress, context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString));
            if (body.Length > 0 || HttpMethods.IsPost(context.Request.Method))
            {
                request.Content = new ByteArrayContent(body);
            }

            foreach (var header in context.Request.Headers.Where(h => !HopHeaders.Contains(h.Key)))
            {
                if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
                {
                    request.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
                }
            }

            try
            {
                using var answer = await _client.SendAsync(request, _stopping.Token);
                if ((int)answer.StatusCode < 500 || DateTime.UtcNow > deadline)
                {
                    context.Response.StatusCode = (int)answer.StatusCode;
                    foreach (var header in answer.Headers.Concat(answer.Content.Headers).Where(h => !HopHeaders.Contains(h.Key)))
                    {
                        context.Response.Headers[header.Key] = header.Value.ToArray();
                    }

                    Interlocked.Increment(ref _forwarded);
                    try
                    {
                        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
                    }
                    catch (Exception ex) when (ex is IOException or OperationCanceledException)
                    {
                        // The caller gave up waiting; the worker has the request all the same.
                    }

                    if ((int)answer.StatusCode >= 500)
                    {
                        Interlocked.Increment(ref _failed);
                    }

                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (!_stopping.IsCancellationRequested && DateTime.UtcNow < deadline)
            {
            }
            catch (Exception) when (!_stopping.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failed);
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                return;
            }

            Interlocked.Increment(ref _retried);
            attempt++;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt)), _stopping.Token);
        }
    }
}
