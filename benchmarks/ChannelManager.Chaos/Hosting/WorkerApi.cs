using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChannelManager.Chaos.Hosting;

/// <summary>
/// The tenant's API on the workers, as a PMS with a load balancer uses it: a request that gets no answer or a 5xx is
/// sent again to the next live worker until it is answered (a publish carries its event id, so a repeat is the same
/// event); a 4xx is final.
/// </summary>
internal sealed class WorkerApi : IDisposable
{
    private readonly WorkerPool _workers;
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(20) };
    private long _retries;

    public WorkerApi(WorkerPool workers, string apiKey)
    {
        _workers = workers;
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// <summary>Requests sent again after no answer or a 5xx.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Sends a JSON request until a worker answers it below 500, within <paramref name="giveUpAfter"/>.</summary>
    /// <param name="method">The method.</param>
    /// <param name="path">The path (relative).</param>
    /// <param name="body">The JSON body, or null.</param>
    /// <param name="giveUpAfter">How long to keep trying.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The status and body of the answer.</returns>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, object? body, TimeSpan giveUpAfter, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + giveUpAfter;
        for (var attempt = 1; ; attempt++)
        {
            var worker = _workers.Next();
            try
            {
                using var request = new HttpRequestMessage(method, new Uri(worker.BaseAddress, path));
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body);
                }

                using var answer = await _client.SendAsync(request, cancellationToken);
                var text = await answer.Content.ReadAsStringAsync(cancellationToken);
                if ((int)answer.StatusCode < 500 || DateTime.UtcNow > deadline)
                {
                    return (answer.StatusCode, text);
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested && DateTime.UtcNow < deadline)
            {
            }

            Interlocked.Increment(ref _retries);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 50 * attempt)), cancellationToken);
        }
    }

    /// <summary>GETs JSON (retried like every request).</summary>
    /// <param name="path">The path.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The parsed body.</returns>
    public async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, path, null, TimeSpan.FromMinutes(2), cancellationToken);
        if (status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path}: {(int)status} {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public void Dispose() => _client.Dispose();
}
