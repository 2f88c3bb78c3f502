using ChannelManager.Connections;
using ChannelManager.Simulator.Hosting;

namespace ChannelManager.Simulator.BookingCom;

/// <summary>The simulated Booking.com Connectivity APIs, mounted under <c>/booking-com</c>.</summary>
internal sealed class BookingComPlatform : ISimulatedPlatform
{
    public Platform Platform => Platform.BookingCom;

    public void MapEndpoints(RouteGroupBuilder mount) => BookingComEndpoints.Map(mount);

    public Task WriteErrorAsync(HttpContext context, int statusCode, string message) =>
        BookingComWire.Error(statusCode, "OTA_ErrorRS", message, code: statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).ExecuteAsync(context);
}
