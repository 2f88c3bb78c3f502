using System.Globalization;
using ChannelManager.Simulator.Faults;
using ChannelManager.Simulator.Hosting;
using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.Calls;

/// <summary>
/// Wraps every call to a simulated platform: records it (faulted or not) and applies the next matching fault.
/// Calls to <c>/_sim/</c> are not platform calls and pass through.
/// </summary>
internal sealed class PlatformCallMiddleware(RequestDelegate next, SimulatorState state, SimulatedPlatforms platforms)
{
    /// <summary>The status recorded when the client went away before the answer was complete (nginx's convention).</summary>
    public const int ClientClosedRequest = 499;

    private const int MaxRecordedBodyChars = 1_000_000;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!platforms.TryMatch(context.Request.Path, out var platform, out var relativePath))
        {
            await next(context);
            return;
        }

        var arrivedAt = state.TimeProvider.GetUtcNow();
        var started = TimeProvider.System.GetTimestamp();
        var requestBody = await ReadBodyAsync(context.Request);
        var fault = state.TakeFault(platform.Platform, relativePath);

        // Recorded when the answer starts (so a client never sees an answer to a call that is not recorded yet),
        // or at the end when no answer was sent (the client gave up, or the endpoint failed).
        var recorded = 0;
        void RecordOnce(int statusCode)
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                state.Record(new RecordedCall(
                    platform.Platform,
                    context.Request.Method,
                    context.Request.Path.Value + context.Request.QueryString.Value,
                    requestBody,
                    context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                    statusCode,
                    arrivedAt,
                    TimeProvider.System.GetElapsedTime(started),
                    fault?.Kind));
            }
        }

        context.Response.OnStarting(() =>
        {
            RecordOnce(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            RecordOnce(await HandleAsync(context, platform, fault));
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            RecordOnce(ClientClosedRequest);
        }
        catch
        {
            RecordOnce(StatusCodes.Status500InternalServerError);
            throw;
        }
    }

    private async Task<int> HandleAsync(HttpContext context, ISimulatedPlatform platform, SimulatorFault? fault)
    {
        switch (fault?.Kind)
        {
            case SimulatorFaultKind.HttpStatus:
                if (fault.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                await platform.WriteErrorAsync(context, fault.StatusCode, $"Simulated failure: HTTP {fault.StatusCode}.");
                return context.Response.StatusCode;

            case SimulatorFaultKind.Timeout:
                try
                {
                    await Task.Delay(fault.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return ClientClosedRequest;
                }

                await next(context);
                return context.Response.StatusCode;

            case SimulatorFaultKind.SlowBody:
            {
                var body = await CaptureAsync(context);
                context.Response.ContentLength = body.Length;
                var pieces = Math.Clamp(body.Length, 1, 10);
                var pieceSize = (body.Length + pieces - 1) / Math.Max(pieces, 1);
                var pause = fault.Delay / pieces;
                for (var offset = 0; offset < body.Length; offset += pieceSize)
                {
                    await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(pieceSize, body.Length - offset)), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    if (offset + pieceSize < body.Length)
                    {
                        await Task.Delay(pause, context.RequestAborted);
                    }
                }

                return context.Response.StatusCode;
            }

            case SimulatorFaultKind.TruncatedBody:
            {
                var body = await CaptureAsync(context);
                var declared = Math.Max(body.Length, 16);
                context.Response.ContentLength = declared;
                await context.Response.Body.WriteAsync(body.AsMemory(0, Math.Min(body.Length, declared / 2)), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                context.Abort();
                return context.Response.StatusCode;
            }

            default:
                await next(context);
                return context.Response.StatusCode;
        }
    }

    /// <summary>Runs the endpoint with the response body captured, so that a fault can decide how to send it.</summary>
    private async Task<byte[]> CaptureAsync(HttpContext context)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        return buffer.ToArray();
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return text.Length <= MaxRecordedBodyChars ? text : text[..MaxRecordedBodyChars];
    }
}
