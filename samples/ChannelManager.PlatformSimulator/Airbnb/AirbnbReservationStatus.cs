namespace ChannelManager.Simulator.Airbnb;

/// <summary>The <c>status_type</c> values the simulated Airbnb uses.</summary>
public static class AirbnbReservationStatus
{
    /// <summary>The reservation is confirmed and holds its nights.</summary>
    public const string Accepted = "accepted";

    /// <summary>The reservation was cancelled and released its nights.</summary>
    public const string Cancelled = "cancelled";
}
