using System.Net;

namespace ChannelManager.AspNetCore.Tests.Hostile;

/// <summary>A request body sent chunked, without Content-Length (the server learns its size only by reading it).</summary>
public sealed class ChunkedContent : HttpContent
{
    private readonly long _length;

    public ChunkedContent(long length, string contentType)
    {
        _length = length;
        Headers.TryAddWithoutValidation("Content-Type", contentType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'7');
        for (long sent = 0; sent < _length; sent += chunk.Length)
        {
            await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, _length - sent)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
