using System.Net;
using System.Threading.Channels;
using ChannelManager.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Adapters.Tests.Infrastructure;

/// <summary>
/// A minimal partner endpoint on loopback that captures the webhooks the simulator posts, exactly as they
/// arrived, and answers <c>{"succeed":true}</c> (or a chosen status).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<WebhookRequest> _received = Channel.CreateUnbounded<WebhookRequest>();

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>The status answered to the next webhooks.</summary>
    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public static async Task<WebhookReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var request = new WebhookRequest
            {
                Headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                Body = buffer.ToArray(),
                ContentType = context.Request.ContentType,
                ReceivedAt = DateTimeOffset.UtcNow,
            };
            await receiver!._received.Writer.WriteAsync(request, context.RequestAborted);
            context.Response.StatusCode = receiver.StatusCode;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"succeed\":true}", context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(address.TrimEnd('/') + "/webhooks/airbnb"));
        return receiver;
    }

    /// <summary>The next webhook received (fails the test after 10 seconds).</summary>
    public async Task<WebhookRequest> NextAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
