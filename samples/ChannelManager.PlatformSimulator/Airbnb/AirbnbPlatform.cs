using ChannelManager.Connections;
using ChannelManager.Simulator.Hosting;

namespace ChannelManager.Simulator.Airbnb;

/// <summary>The simulated Airbnb API for software partners, mounted under <c>/airbnb</c>.</summary>
internal sealed class AirbnbPlatform : ISimulatedPlatform
{
    public Platform Platform => Platform.Airbnb;

    public void MapEndpoints(RouteGroupBuilder mount) => AirbnbEndpoints.Map(mount);

    public Task WriteErrorAsync(HttpContext context, int statusCode, string message) =>
        AirbnbErrors.Result(statusCode, message).ExecuteAsync(context);
}
