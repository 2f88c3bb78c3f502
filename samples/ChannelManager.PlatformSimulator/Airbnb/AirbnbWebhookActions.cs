namespace ChannelManager.Simulator.Airbnb;

/// <summary>The notification <c>action</c> values the simulated Airbnb sends (names as in Airbnb's integrations).</summary>
public static class AirbnbWebhookActions
{
    /// <summary>A reservation was confirmed.</summary>
    public const string ReservationAccepted = "reservation_acceptance_confirmation";

    /// <summary>A reservation's dates changed.</summary>
    public const string ReservationAltered = "reservation_alteration_confirmation";

    /// <summary>A reservation was cancelled.</summary>
    public const string ReservationCancelled = "reservation_cancellation_confirmation";

    /// <summary>A test ping.</summary>
    public const string Test = "test_notification";
}
