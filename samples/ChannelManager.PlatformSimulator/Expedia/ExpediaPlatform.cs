using ChannelManager.Connections;
using ChannelManager.Simulator.Hosting;

namespace ChannelManager.Simulator.Expedia;

/// <summary>The simulated Expedia EQC (AR, BR, BC), mounted under <c>/expedia</c>.</summary>
internal sealed class ExpediaPlatform : ISimulatedPlatform
{
    public Platform Platform => Platform.Expedia;

    public void MapEndpoints(RouteGroupBuilder mount) => ExpediaEndpoints.Map(mount);

    /// <summary>An injected failure answers the endpoint's RS with <c>&lt;Error code&gt;</c> = the status, with that status.</summary>
    public Task WriteErrorAsync(HttpContext context, int statusCode, string message)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var (root, ns) = path.EndsWith("/eqc/br", StringComparison.OrdinalIgnoreCase) ? ("BookingRetrievalRS", ExpediaWire.BrNamespace)
            : path.EndsWith("/eqc/bc", StringComparison.OrdinalIgnoreCase) ? ("BookingConfirmRS", ExpediaWire.BcNamespace)
            : ("AvailRateUpdateRS", ExpediaWire.ArResponseNamespace);
        return ExpediaWire.Error(root, ns, statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), message, statusCode).ExecuteAsync(context);
    }
}
