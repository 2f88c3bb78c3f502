using ChannelManager.Connections;
using ChannelManager.Simulator.Hosting;

namespace ChannelManager.Simulator.FewoDirekt;

/// <summary>The simulated Vrbo / FeWo-direkt partner endpoint, mounted under <c>/fewo-direkt</c>.</summary>
internal sealed class FewoDirektPlatform : ISimulatedPlatform
{
    public Platform Platform => Platform.FewoDirekt;

    public void MapEndpoints(RouteGroupBuilder mount) => FewoDirektEndpoints.Map(mount);

    public Task WriteErrorAsync(HttpContext context, int statusCode, string message) =>
        FewoDirektWire.Error(statusCode, statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), message).ExecuteAsync(context);
}
