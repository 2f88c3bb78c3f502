using System.Net.ServerSentEvents;
using System.Text.Json;

namespace ChannelManager.AspNetCore.Tests.Dashboard;

/// <summary>An open <c>text/event-stream</c> response read event by event (comments, i.e. heartbeats, are skipped by the parser).</summary>
internal sealed class SseStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _items;

    private SseStream(HttpResponseMessage response, Stream body, CancellationToken cancellationToken)
    {
        _response = response;
        _items = SseParser.Create(body).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    /// <summary>Every event read so far.</summary>
    public List<(string Type, JsonElement Data)> Seen { get; } = [];

    public static async Task<SseStream> OpenAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseStream(response, await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Reads events until one matches, and returns it; fails after <paramref name="timeoutMs"/>.</summary>
    public async Task<JsonElement> ReadUntilAsync(string type, Func<JsonElement, bool> match, int timeoutMs = 30_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var next = _items.MoveNextAsync().AsTask();
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(next, Task.Delay(left)) != next)
            {
                throw new TimeoutException($"No '{type}' event matched within {timeoutMs} ms; seen: {string.Join(", ", Seen.Select(s => s.Type))}");
            }

            Assert.True(await next, "the stream ended");
            var data = JsonDocument.Parse(_items.Current.Data).RootElement.Clone();
            Seen.Add((_items.Current.EventType, data));
            if (_items.Current.EventType == type && match(data))
            {
                return data;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _response.Dispose();
        try
        {
            await _items.DisposeAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }
}
