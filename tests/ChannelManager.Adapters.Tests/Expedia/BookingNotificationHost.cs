using System.Collections.Concurrent;
using System.Net;
using ChannelManager.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Adapters.Tests.Expedia;

/// <summary>
/// A partner endpoint on loopback that does what the host's webhook endpoint does with the Expedia adapter: verify
/// (401 when refused), parse (400 when malformed), keep the notification once per delivery id, and answer with the
/// adapter's <see cref="IWebhookReplyWriter"/> reply. It can be told to fail the next requests with 500.
/// </summary>
internal sealed class BookingNotificationHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, WebhookNotification> _byDelivery = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<WebhookNotification> _accepted = new();
    private int _failNext;

    private BookingNotificationHost(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>The notifications kept, once per delivery id, in arrival order.</summary>
    public IReadOnlyList<WebhookNotification> Accepted => _accepted.ToArray();

    /// <summary>How many requests came in (all answers).</summary>
    public int Requests { get; private set; }

    /// <summary>How many of them were duplicates of a kept notification.</summary>
    public int Duplicates { get; private set; }

    /// <summary>The <see cref="WebhookRequest.ReceivedAt"/> given to the adapter; the wall clock when unset.</summary>
    public DateTimeOffset? FixedReceivedAt { get; set; }

    public void FailNext(int requests) => Interlocked.Exchange(ref _failNext, requests);

    public static async Task<BookingNotificationHost> StartAsync(IChannelAdapter adapter, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        BookingNotificationHost? host = null;
        app.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            await host!.HandleAsync(adapter, context, buffer.ToArray());
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host = new BookingNotificationHost(app, new Uri(address.TrimEnd('/') + "/webhooks/expedia"));
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(IChannelAdapter adapter, HttpContext context, byte[] body)
    {
        Requests++;
        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        var request = new WebhookRequest
        {
            Headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Body = body,
            ContentType = context.Request.ContentType,
            ReceivedAt = FixedReceivedAt ?? DateTimeOffset.UtcNow,
        };
        var verification = adapter.VerifyWebhook(request);
        if (!verification.IsAuthentic)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync(verification.FailureReason ?? "refused", context.RequestAborted);
            return;
        }

        WebhookNotification notification;
        try
        {
            notification = adapter.ParseWebhook(request);
        }
        catch (WebhookFormatException ex)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync(ex.Message, context.RequestAborted);
            return;
        }

        var duplicate = !_byDelivery.TryAdd(notification.DeliveryId ?? Guid.NewGuid().ToString(), notification);
        if (duplicate)
        {
            Duplicates++;
        }
        else
        {
            _accepted.Enqueue(notification);
        }

        var reply = ((IWebhookReplyWriter)adapter).CreateReply(request, duplicate)!;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = reply.ContentType;
        await context.Response.WriteAsync(reply.Content, context.RequestAborted);
    }
}
