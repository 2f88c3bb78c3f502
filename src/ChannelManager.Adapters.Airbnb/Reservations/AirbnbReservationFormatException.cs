namespace ChannelManager.Adapters.Airbnb.Reservations;

/// <summary>A reservation from Airbnb lacks a field or has an invalid one.</summary>
internal sealed class AirbnbReservationFormatException(string message) : Exception(message);
