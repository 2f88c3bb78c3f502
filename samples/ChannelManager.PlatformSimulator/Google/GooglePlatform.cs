using ChannelManager.Connections;
using ChannelManager.Simulator.Hosting;
using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.Google;

/// <summary>The simulated Google Hotel Center / Vacation Rentals, mounted under <c>/google</c>.</summary>
internal sealed class GooglePlatform : ISimulatedPlatform
{
    public Platform Platform => Platform.Google;

    public void MapEndpoints(RouteGroupBuilder mount) => GoogleEndpoints.Map(mount);

    public Task WriteErrorAsync(HttpContext context, int statusCode, string message)
    {
        var time = context.RequestServices.GetRequiredService<SimulatorState>().TimeProvider;
        var result = context.Request.Path.Value?.Contains("/ota/", StringComparison.Ordinal) == true
            ? GoogleWire.Error(statusCode, "OTA_ErrorRS", message, statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), time)
            : GoogleWire.JsonError(statusCode, message);
        return result.ExecuteAsync(context);
    }
}
