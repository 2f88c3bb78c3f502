namespace ChannelManager.Simulator.Airbnb;

/// <summary>One entry of Airbnb's <c>error_details</c>.</summary>
internal sealed record AirbnbErrorDetail(string Message, string Reason);
