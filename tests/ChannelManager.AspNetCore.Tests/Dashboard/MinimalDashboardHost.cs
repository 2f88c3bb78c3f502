using ChannelManager.AspNetCore.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.AspNetCore.Tests.Dashboard;

/// <summary>A host with the engine on embedded defaults, the API under <c>/api</c> and the dashboard under <c>/ops/board</c>, on a test server (no authentication: the default tenant).</summary>
internal static class MinimalDashboardHost
{
    public static async Task<WebApplication> StartAsync(Action<ChannelManagerDashboardOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddChannelManager().AddHttpEndpoints().AddDashboard(configure);
        var app = builder.Build();
        app.MapChannelManager("/api");
        app.MapChannelManagerDashboard("/ops/board/", "api/");
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }
}
