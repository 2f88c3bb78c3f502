using System.Net;
using System.Text;
using System.Text.Json;
using ChannelManager.Adapters.Expedia;
using ChannelManager.Adapters.Google;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChannelManager.AspNetCore.Tests.Hostile;

/// <summary>
/// Expedia's Booking Notification and Google's Pub/Sub are optional inbound channels: enabled without their secrets,
/// the platforms start, their webhook routes answer 404 "not configured" (never an open door) and the health says so.
/// </summary>
public sealed class UnconfiguredWebhookTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Optional_push_channels_without_their_secret_answer_404_and_health_says_not_configured()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddProblemDetails();
        builder.Services.AddChannelManager().AddHttpEndpoints()
            .AddExpedia(o =>
            {
                o.BaseUrl = new Uri("http://127.0.0.1:9/expedia/");
                o.Username = "eqc";
                o.Password = "eqc-password";
            })
            .AddGoogle(o =>
            {
                o.ApiBaseUrl = new Uri("http://127.0.0.1:9/google/");
                o.PartnerKey = "partner";
            });
        await using var app = builder.Build();
        app.MapChannelManager();
        await app.StartAsync(Ct);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") };

            var expedia = await Problem.AssertAsync(await client.PostAsync("webhooks/expedia", new StringContent("<x/>", Encoding.UTF8, "text/xml"), Ct), HttpStatusCode.NotFound);
            Assert.Contains("not configured", expedia.GetProperty("detail").GetString()!, StringComparison.Ordinal);
            await Problem.AssertAsync(await client.PostAsync("webhooks/google", new StringContent("{}", Encoding.UTF8, "application/json"), Ct), HttpStatusCode.NotFound);

            var health = JsonDocument.Parse(await client.GetStringAsync("webhooks/health", Ct)).RootElement.GetProperty("platforms").EnumerateArray()
                .ToDictionary(p => p.GetProperty("platform").GetString()!);
            foreach (var platform in new[] { "expedia", "google" })
            {
                Assert.True(health[platform].GetProperty("enabled").GetBoolean());
                Assert.False(health[platform].GetProperty("secret_configured").GetBoolean());
                Assert.Equal("not_configured", health[platform].GetProperty("status").GetString());
                Assert.Equal("not_configured", health[platform].GetProperty("last_rejection_reason").GetString());
            }

            Assert.Equal("not_enabled", health["airbnb"].GetProperty("status").GetString());
        }
        finally
        {
            await app.StopAsync(Ct);
        }
    }
}
